/**
 * The JSON API's lists and records. Access is checked first with the same rules and helpers the
 * workspace uses (a coalition outside your scope is "not found"); lists are keyset-paginated
 * (see http/cursor.ts) with the workspace lists' filters.
 */
import {
	actorNetworkIds,
	canEnterNetwork,
	canSeePersonalData,
	type Actor
} from '$lib/domain/access';
import { SECTORS } from '$lib/domain/capacity';
import { todayInLima } from '$lib/domain/dates';
import { PARTNER_ROLES } from '$lib/domain/network';
import { placePath } from '$lib/domain/places';
import { sectorsOf } from '$lib/domain/schemas/planning';
import { topicsOf } from '$lib/domain/schemas/training';
import { normalizeForSearch } from '$lib/domain/text';
import { requireCoalition, visibleCoalitionIds } from '../coalitions/workspace';
import type { Db } from '../db';
import { containsText, toNumber } from '../db/dialect';
import { NotFoundError } from '../errors';
import { keysetPage, pageOf, pageRequest, type Keyset, type PageRequest } from '../http/cursor';
import { listPlaces } from '../places/queries';
import type {
	ActivityItem,
	AssistanceItem,
	ChangeItem,
	CoalitionItem,
	IndicatorItem,
	IndicatorValueItem,
	MeetingItem,
	MemberItem,
	NetworkItem,
	PartnerItem,
	PhaseItem,
	PlaceItem,
	StoryItem,
	TrainingItem
} from './shapes';

export interface Page<T> {
	data: T[];
	next_cursor: string | null;
}

/** The sorts a list offers, by `?sort=` name; the first is the default. */
type Sorts = Record<string, Keyset>;

function sortOf(params: URLSearchParams, sorts: Sorts): Keyset {
	const wanted = params.get('sort') ?? '';
	return sorts[wanted] ?? Object.values(sorts)[0];
}

function term(params: URLSearchParams): string {
	return normalizeForSearch(params.get('q') ?? '').slice(0, 100);
}

const isDay = (s: string | null): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s));

/** `?from=` and `?to=` (YYYY-MM-DD, both inclusive) on a dated list. */
function inPeriod<Q>(q: Q, params: URLSearchParams, column: string): Q {
	const from = params.get('from');
	const to = params.get('to');
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let out = q as any;
	if (isDay(from)) out = out.where(column, '>=', from);
	if (isDay(to)) out = out.where(column, '<=', to);
	return out;
}

/** A dated list's two sorts, newest first by default: `-<name>` and `<name>`. */
function byDate(column: string, id: string, name = 'date'): Sorts {
	return {
		[`-${name}`]: { sort: column, id, direction: 'desc' },
		[name]: { sort: column, id, direction: 'asc' }
	};
}

/** Runs a keyset query and maps its rows; `keyOf` reads the sort value back from a raw row. */
async function paged<R extends { id: string }, T>(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	query: any,
	keyset: Keyset,
	page: PageRequest,
	map: (row: R) => T,
	sortValue: (row: R) => string | number
): Promise<Page<T>> {
	const rows = (await keysetPage(query, keyset, page).execute()) as R[];
	const result = pageOf(rows, page, (r) => [sortValue(r), r.id]);
	return { data: result.data.map(map), next_cursor: result.next_cursor };
}

function requireNetwork(actor: Actor, networkId: string) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
}

// ------------------------------------------------------------------ networks

export async function listNetworks(
	db: Db,
	actor: Actor,
	params: URLSearchParams,
	only?: string
): Promise<Page<NetworkItem>> {
	const ids = actorNetworkIds(actor);
	let q = db
		.selectFrom('network')
		.select(['id', 'slug', 'name_es', 'name_en', 'country_code'])
		.where('id', 'in', ids.length ? ids : ['']);
	if (only) q = q.where('id', '=', only);
	return paged(
		q,
		{ sort: 'slug', id: 'id', direction: 'asc' },
		pageRequest(params),
		(r: {
			id: string;
			slug: string;
			name_es: string;
			name_en: string | null;
			country_code: string;
		}) => ({
			id: r.id,
			slug: r.slug,
			nameEs: r.name_es,
			nameEn: r.name_en,
			countryCode: r.country_code,
			roles: [...new Set(actor.grants.filter((g) => g.networkId === r.id).map((g) => g.role))]
		}),
		(r) => r.slug
	);
}

export async function networkOne(db: Db, actor: Actor, id: string): Promise<NetworkItem> {
	const page = await listNetworks(db, actor, new URLSearchParams(), id);
	if (!page.data.length) throw new NotFoundError('network');
	return page.data[0];
}

// ------------------------------------------------------------------ places

type PlaceRow = {
	id: string;
	parent_id: string | null;
	kind: string;
	name: string;
	name_en: string | null;
	name_search: string;
	ubigeo: string | null;
	latitude: number | null;
	longitude: number | null;
	archived_at: string | null;
};

const mapPlace = (r: PlaceRow): PlaceItem => ({
	id: r.id,
	parentId: r.parent_id,
	kind: r.kind,
	name: r.name,
	nameEn: r.name_en,
	ubigeo: r.ubigeo,
	latitude: r.latitude === null ? null : toNumber(r.latitude),
	longitude: r.longitude === null ? null : toNumber(r.longitude),
	archived: r.archived_at !== null
});

/** `?q=`, `?kind=`, `?within=` (a place id: everything inside it), `?status=archived`, `?sort=name|-name`. */
export async function listPlacesApi(
	db: Db,
	actor: Actor,
	networkId: string,
	params: URLSearchParams
): Promise<Page<PlaceItem>> {
	requireNetwork(actor, networkId);
	let q = db
		.selectFrom('place')
		.select([
			'id',
			'parent_id',
			'kind',
			'name',
			'name_en',
			'name_search',
			'ubigeo',
			'latitude',
			'longitude',
			'archived_at'
		])
		.where('network_id', '=', networkId)
		.where('archived_at', params.get('status') === 'archived' ? 'is not' : 'is', null);
	const t = term(params);
	if (t)
		q = q.where((eb) =>
			eb.or([containsText(eb.ref('name_search'), t), containsText(eb.ref('aliases'), t)])
		);
	if (params.get('kind')) q = q.where('kind', '=', params.get('kind')!);
	const within = params.get('within');
	if (within) {
		const places = await listPlaces(db, networkId);
		const byId = new Map(
			places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
		);
		const inside = places
			.filter((p) => p.id !== within && placePath(p.id, byId).some((a) => a.id === within))
			.map((p) => p.id);
		q = q.where('id', 'in', inside.length ? inside : ['']);
	}
	const keyset = sortOf(params, {
		name: { sort: 'name_search', id: 'id', direction: 'asc' },
		'-name': { sort: 'name_search', id: 'id', direction: 'desc' }
	});
	return paged(q, keyset, pageRequest(params), mapPlace, (r: PlaceRow) => r.name_search);
}

// ------------------------------------------------------------------ phases

type PhaseRow = {
	id: string;
	number: number;
	name_es: string;
	name_en: string | null;
	start_year: number;
	end_year: number | null;
};

/** `?q=`, `?year=` (phases running that year), `?sort=number|-number`. */
export async function listPhasesApi(
	db: Db,
	actor: Actor,
	networkId: string,
	params: URLSearchParams
): Promise<Page<PhaseItem>> {
	requireNetwork(actor, networkId);
	let q = db
		.selectFrom('phase')
		.select(['id', 'number', 'name_es', 'name_en', 'start_year', 'end_year'])
		.where('network_id', '=', networkId);
	const t = term(params);
	if (t)
		q = q.where((eb) =>
			eb.or([containsText(eb.ref('name_es'), t), containsText(eb.ref('name_en'), t)])
		);
	const year = params.get('year') ?? '';
	if (/^\d{4}$/.test(year)) {
		q = q
			.where('start_year', '<=', Number(year))
			.where((eb) => eb.or([eb('end_year', 'is', null), eb('end_year', '>=', Number(year))]));
	}
	const keyset = sortOf(params, {
		number: { sort: 'number', id: 'id', direction: 'asc' },
		'-number': { sort: 'number', id: 'id', direction: 'desc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: PhaseRow) => ({
			id: r.id,
			number: toNumber(r.number),
			nameEs: r.name_es,
			nameEn: r.name_en,
			startYear: toNumber(r.start_year),
			endYear: r.end_year === null ? null : toNumber(r.end_year)
		}),
		(r) => toNumber(r.number)
	);
}

// ------------------------------------------------------------------ partners

type PartnerRow = {
	id: string;
	slug: string;
	name: string;
	name_search: string;
	short_name: string | null;
	kind: string;
	country_code: string | null;
	website: string | null;
};

/** Organizations with a role in the network. `?q=`, `?kind=`, `?role=`, `?sort=name|-name`. */
export async function listPartnersApi(
	db: Db,
	actor: Actor,
	networkId: string,
	params: URLSearchParams
): Promise<Page<PartnerItem>> {
	requireNetwork(actor, networkId);
	const role = PARTNER_ROLES.find((r) => r === params.get('role')) ?? null;
	let q = db
		.selectFrom('organization')
		.select(['id', 'slug', 'name', 'name_search', 'short_name', 'kind', 'country_code', 'website'])
		.where((eb) => {
			let roles = eb
				.selectFrom('partner_role')
				.select('partner_role.id')
				.whereRef('partner_role.organization_id', '=', 'organization.id')
				.where('partner_role.network_id', '=', networkId);
			if (role) roles = roles.where('partner_role.role', '=', role);
			return eb.exists(roles);
		});
	const t = term(params);
	if (t) q = q.where((eb) => containsText(eb.ref('organization.name_search'), t));
	if (params.get('kind')) q = q.where('kind', '=', params.get('kind')!);
	const keyset = sortOf(params, {
		name: { sort: 'name_search', id: 'id', direction: 'asc' },
		'-name': { sort: 'name_search', id: 'id', direction: 'desc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: PartnerRow) => ({
			id: r.id,
			slug: r.slug,
			name: r.name,
			shortName: r.short_name,
			kind: r.kind,
			countryCode: r.country_code,
			website: r.website
		}),
		(r) => r.name_search
	);
}

// ------------------------------------------------------------------ coalitions

type CoalitionRow = {
	id: string;
	name: string;
	name_search: string;
	slug: string;
	status: string;
	place_id: string;
	phase_id: string | null;
	founded_year: number | null;
	spf_stage: string | null;
	updated_at: string;
};

/**
 * The coalitions you may see. `?q=`, `?status=` (archived ones only when asked), `?phase=`,
 * `?region=` (a place id: coalitions anywhere inside it), `?sort=name|-name|updated|-updated`.
 */
export async function listCoalitionsApi(
	db: Db,
	actor: Actor,
	networkId: string,
	params: URLSearchParams
): Promise<Page<CoalitionItem>> {
	requireNetwork(actor, networkId);
	const visible = await visibleCoalitionIds(db, actor, networkId);
	let q = db
		.selectFrom('coalition')
		.select([
			'id',
			'name',
			'name_search',
			'slug',
			'status',
			'place_id',
			'phase_id',
			'founded_year',
			'spf_stage',
			'updated_at'
		])
		.where('network_id', '=', networkId);
	if (visible !== null) q = q.where('id', 'in', visible.length ? visible : ['']);
	const t = term(params);
	if (t) q = q.where((eb) => containsText(eb.ref('name_search'), t));
	const status = params.get('status');
	q = status ? q.where('status', '=', status) : q.where('status', '!=', 'archived');
	if (params.get('phase')) q = q.where('phase_id', '=', params.get('phase')!);
	const region = params.get('region');
	if (region) {
		const places = await listPlaces(db, networkId);
		const byId = new Map(
			places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
		);
		const inside = places
			.filter((p) => placePath(p.id, byId).some((a) => a.id === region))
			.map((p) => p.id);
		q = q.where('place_id', 'in', inside.length ? inside : ['']);
	}
	const keyset = sortOf(params, {
		name: { sort: 'name_search', id: 'id', direction: 'asc' },
		'-name': { sort: 'name_search', id: 'id', direction: 'desc' },
		updated: { sort: 'updated_at', id: 'id', direction: 'asc' },
		'-updated': { sort: 'updated_at', id: 'id', direction: 'desc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: CoalitionRow) => ({
			id: r.id,
			name: r.name,
			slug: r.slug,
			status: r.status,
			placeId: r.place_id,
			phaseId: r.phase_id,
			foundedYear: r.founded_year === null ? null : toNumber(r.founded_year),
			spfStage: r.spf_stage,
			updatedAt: r.updated_at
		}),
		(r) => (keyset.sort === 'updated_at' ? r.updated_at : r.name_search)
	);
}

// ------------------------------------------------------------------ members

type MemberRow = {
	id: string;
	person_id: string;
	role: string;
	sector: string;
	organization_name: string | null;
	started_on: string;
	ended_on: string | null;
	first_name: string;
	last_name: string | null;
	email: string | null;
	phone: string | null;
	age_group: string | null;
	erased_at: string | null;
};

/**
 * A coalition's memberships. Names and contacts only for those who may see the coalition's
 * personal data (canSeePersonalData); everyone else who may see the coalition gets the roles,
 * sectors and dates with `person: null`. `?status=active|ended|all` (default active), `?sector=`,
 * `?sort=started|-started`.
 */
export async function listMembersApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	onlyPerson?: string
): Promise<Page<MemberItem>> {
	const { scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const personal = canSeePersonalData(actor, scope);
	const today = todayInLima();
	let q = db
		.selectFrom('membership')
		.innerJoin('person', 'person.id', 'membership.person_id')
		.select([
			'membership.id',
			'membership.person_id',
			'membership.role',
			'membership.sector',
			'membership.organization_name',
			'membership.started_on',
			'membership.ended_on',
			'person.first_name',
			'person.last_name',
			'person.email',
			'person.phone',
			'person.age_group',
			'person.erased_at'
		])
		.where('membership.coalition_id', '=', coalitionId);
	if (onlyPerson) q = q.where('membership.person_id', '=', onlyPerson);
	const status = onlyPerson ? 'all' : (params.get('status') ?? 'active');
	if (status === 'active') {
		q = q
			.where('membership.started_on', '<=', today)
			.where((eb) =>
				eb.or([eb('membership.ended_on', 'is', null), eb('membership.ended_on', '>=', today)])
			);
	} else if (status === 'ended') {
		q = q.where('membership.ended_on', '<', today);
	}
	const sector = SECTORS.find((s) => s === params.get('sector'));
	if (sector) q = q.where('membership.sector', '=', sector);
	const keyset = sortOf(params, {
		started: { sort: 'membership.started_on', id: 'membership.id', direction: 'asc' },
		'-started': { sort: 'membership.started_on', id: 'membership.id', direction: 'desc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: MemberRow) => ({
			personId: r.person_id,
			membershipId: r.id,
			role: r.role,
			sector: r.sector,
			organizationName: r.organization_name,
			startedOn: r.started_on,
			endedOn: r.ended_on,
			person: personal
				? {
						firstName: r.erased_at ? null : r.first_name,
						lastName: r.erased_at ? null : r.last_name,
						email: r.erased_at ? null : r.email,
						phone: r.erased_at ? null : r.phone,
						ageGroup: r.age_group,
						erased: r.erased_at !== null
					}
				: null
		}),
		(r) => r.started_on
	);
}

/** One person's latest membership in the coalition. */
export async function memberOne(
	db: Db,
	actor: Actor,
	coalitionId: string,
	personId: string
): Promise<MemberItem> {
	const page = await listMembersApi(
		db,
		actor,
		coalitionId,
		new URLSearchParams({ sort: '-started', limit: '1' }),
		personId
	);
	if (!page.data.length) throw new NotFoundError('person');
	return page.data[0];
}

// ------------------------------------------------------------------ meetings

type MeetingRow = {
	id: string;
	coalition_id: string;
	held_on: string;
	kind: string;
	title: string | null;
	guests_count: number;
	attendees: number | string;
};

/** `?kind=`, `?from=` and `?to=` (days), `?sort=-held|held`. */
export async function listMeetingsApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<MeetingItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('meeting')
		.select((eb) => [
			'meeting.id',
			'meeting.coalition_id',
			'meeting.held_on',
			'meeting.kind',
			'meeting.title',
			'meeting.guests_count',
			eb
				.selectFrom('meeting_attendance')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('meeting_attendance.meeting_id', '=', 'meeting.id')
				.as('attendees')
		])
		.where('meeting.coalition_id', '=', coalitionId);
	if (only) q = q.where('meeting.id', '=', only);
	if (params.get('kind')) q = q.where('meeting.kind', '=', params.get('kind')!);
	q = inPeriod(q, params, 'meeting.held_on');
	const keyset = sortOf(params, byDate('meeting.held_on', 'meeting.id', 'held'));
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: MeetingRow) => ({
			id: r.id,
			coalitionId: r.coalition_id,
			heldOn: r.held_on,
			kind: r.kind,
			title: r.title,
			guestsCount: toNumber(r.guests_count),
			attendees: toNumber(r.attendees)
		}),
		(r) => r.held_on
	);
}

// ------------------------------------------------------------------ trainings

type TrainingRow = {
	id: string;
	title: string;
	kind: string;
	starts_on: string;
	ends_on: string | null;
	place: string | null;
	organizer_id: string | null;
	topics: string;
	hours: number;
	attendees: number | string;
};

/** The network's training events. `?q=`, `?kind=`, `?year=`, `?sort=-starts|starts`. */
export async function listTrainingsApi(
	db: Db,
	actor: Actor,
	networkId: string | null,
	params: URLSearchParams,
	only?: string
): Promise<Page<TrainingItem>> {
	let q = db.selectFrom('training_event').select((eb) => [
		'training_event.id',
		'training_event.network_id',
		'training_event.title',
		'training_event.kind',
		'training_event.starts_on',
		'training_event.ends_on',
		'training_event.place',
		'training_event.organizer_id',
		'training_event.topics',
		'training_event.hours',
		eb
			.selectFrom('training_attendance')
			.select((e) => e.fn.countAll<number>().as('n'))
			.whereRef('training_attendance.event_id', '=', 'training_event.id')
			.as('attendees')
	]);
	if (only) {
		// One event: its own network decides who may read it.
		const row = await db
			.selectFrom('training_event')
			.select('network_id')
			.where('id', '=', only)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('training');
		requireNetwork(actor, row.network_id);
		q = q.where('training_event.id', '=', only);
	} else {
		requireNetwork(actor, networkId ?? '');
		q = q.where('training_event.network_id', '=', networkId!);
	}
	const t = term(params);
	if (t) q = q.where((eb) => containsText(eb.ref('training_event.title_search'), t));
	if (params.get('kind')) q = q.where('training_event.kind', '=', params.get('kind')!);
	const year = params.get('year') ?? '';
	if (/^\d{4}$/.test(year)) {
		q = q
			.where('training_event.starts_on', '>=', `${year}-01-01`)
			.where('training_event.starts_on', '<=', `${year}-12-31`);
	}
	const keyset = sortOf(params, {
		'-starts': { sort: 'training_event.starts_on', id: 'training_event.id', direction: 'desc' },
		starts: { sort: 'training_event.starts_on', id: 'training_event.id', direction: 'asc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: TrainingRow) => ({
			id: r.id,
			title: r.title,
			kind: r.kind,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			place: r.place,
			organizerId: r.organizer_id,
			topics: topicsOf(r.topics),
			hours: toNumber(r.hours),
			attendees: toNumber(r.attendees)
		}),
		(r) => r.starts_on
	);
}

export async function trainingOne(db: Db, actor: Actor, id: string): Promise<TrainingItem> {
	const page = await listTrainingsApi(db, actor, null, new URLSearchParams(), id);
	if (!page.data.length) throw new NotFoundError('training');
	return page.data[0];
}

// ------------------------------------------------------------------ technical assistance

type AssistanceRow = {
	id: string;
	coalition_id: string;
	contact_on: string;
	provider_id: string | null;
	provider_person: string | null;
	mode: string;
	hours: number;
	topic: string;
	summary: string | null;
	open_followups: number | string;
};

/** A coalition's TA contacts. `?topic=`, `?mode=`, `?from=`, `?to=`, `?sort=-date|date`. */
export async function listAssistanceApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<AssistanceItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('ta_contact')
		.select((eb) => [
			'ta_contact.id',
			'ta_contact.coalition_id',
			'ta_contact.contact_on',
			'ta_contact.provider_id',
			'ta_contact.provider_person',
			'ta_contact.mode',
			'ta_contact.hours',
			'ta_contact.topic',
			'ta_contact.summary',
			eb
				.selectFrom('ta_followup')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('ta_followup.contact_id', '=', 'ta_contact.id')
				.where('ta_followup.status', '=', 'open')
				.as('open_followups')
		])
		.where('ta_contact.coalition_id', '=', coalitionId);
	if (only) q = q.where('ta_contact.id', '=', only);
	if (params.get('topic')) q = q.where('ta_contact.topic', '=', params.get('topic')!);
	if (params.get('mode')) q = q.where('ta_contact.mode', '=', params.get('mode')!);
	q = inPeriod(q, params, 'ta_contact.contact_on');
	const keyset = sortOf(params, byDate('ta_contact.contact_on', 'ta_contact.id'));
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: AssistanceRow) => ({
			id: r.id,
			coalitionId: r.coalition_id,
			contactOn: r.contact_on,
			providerId: r.provider_id,
			providerPerson: r.provider_person,
			mode: r.mode,
			hours: toNumber(r.hours),
			topic: r.topic,
			summary: r.summary,
			openFollowups: toNumber(r.open_followups)
		}),
		(r) => r.contact_on
	);
}

// ------------------------------------------------------------------ indicators and values

type IndicatorRow = {
	id: string;
	network_id: string | null;
	code: string;
	kind: string;
	measure: string | null;
	substance: string | null;
	name_es: string;
	name_en: string | null;
	unit: string;
	source: string | null;
};

/** The core measures and the network's own indicators. `?kind=`, `?q=`, `?status=archived`. */
export async function listIndicatorsApi(
	db: Db,
	actor: Actor,
	networkId: string | null,
	params: URLSearchParams,
	only?: string
): Promise<Page<IndicatorItem>> {
	let q = db
		.selectFrom('indicator')
		.select([
			'id',
			'network_id',
			'code',
			'kind',
			'measure',
			'substance',
			'name_es',
			'name_en',
			'unit',
			'source'
		]);
	if (only) {
		const row = await db
			.selectFrom('indicator')
			.select('network_id')
			.where('id', '=', only)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('indicator');
		// A core measure belongs to every network: anyone with a role somewhere may read it.
		if (row.network_id) requireNetwork(actor, row.network_id);
		else if (!actorNetworkIds(actor).length) throw new NotFoundError('indicator');
		q = q.where('id', '=', only);
	} else {
		requireNetwork(actor, networkId ?? '');
		q = q
			.where((eb) => eb.or([eb('network_id', 'is', null), eb('network_id', '=', networkId!)]))
			.where('archived_at', params.get('status') === 'archived' ? 'is not' : 'is', null);
	}
	if (params.get('kind')) q = q.where('kind', '=', params.get('kind')!);
	const t = term(params);
	if (t)
		q = q.where((eb) =>
			eb.or([containsText(eb.ref('code'), t), containsText(eb.ref('name_es'), t)])
		);
	return paged(
		q,
		{ sort: 'code', id: 'id', direction: 'asc' },
		pageRequest(params),
		(r: IndicatorRow) => ({
			id: r.id,
			code: r.code,
			kind: r.kind,
			measure: r.measure,
			substance: r.substance,
			nameEs: r.name_es,
			nameEn: r.name_en,
			unit: r.unit,
			source: r.source,
			networkWide: r.network_id !== null
		}),
		(r) => r.code
	);
}

export async function indicatorOne(db: Db, actor: Actor, id: string): Promise<IndicatorItem> {
	const page = await listIndicatorsApi(db, actor, null, new URLSearchParams(), id);
	if (!page.data.length) throw new NotFoundError('indicator');
	return page.data[0];
}

type ValueRow = {
	id: string;
	indicator_id: string;
	coalition_id: string;
	period: string;
	numerator: number;
	denominator: number | null;
	source: string | null;
	notes: string | null;
	updated_at: string;
};

/**
 * Values recorded by hand for a coalition. Survey-derived measures are left out on purpose: their
 * small cells must pass through suppression, which only the measures pages apply.
 * `?indicator=`, `?period=`, `?sort=period|-period`.
 */
export async function listValuesApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<IndicatorValueItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('indicator_value')
		.select([
			'id',
			'indicator_id',
			'coalition_id',
			'period',
			'numerator',
			'denominator',
			'source',
			'notes',
			'updated_at'
		])
		.where('coalition_id', '=', coalitionId)
		.where('survey_upload_id', 'is', null);
	if (only) q = q.where('id', '=', only);
	if (params.get('indicator')) q = q.where('indicator_id', '=', params.get('indicator')!);
	if (params.get('period')) q = q.where('period', '=', params.get('period')!);
	const keyset = sortOf(params, {
		period: { sort: 'period', id: 'id', direction: 'asc' },
		'-period': { sort: 'period', id: 'id', direction: 'desc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: ValueRow) => ({
			id: r.id,
			indicatorId: r.indicator_id,
			coalitionId: r.coalition_id,
			period: r.period,
			numerator: toNumber(r.numerator),
			denominator: r.denominator === null ? null : toNumber(r.denominator),
			source: r.source,
			notes: r.notes,
			updatedAt: r.updated_at
		}),
		(r) => r.period
	);
}

// ------------------------------------------------------------------ activities

type ActivityRow = {
	id: string;
	coalition_id: string;
	happened_on: string;
	description: string;
	kind: string;
	strategy_code: string | null;
	task_id: string | null;
	reached_youth_f: number | null;
	reached_youth_m: number | null;
	reached_adult_f: number | null;
	reached_adult_m: number | null;
	reached_total: number | null;
	sectors: string;
	volunteers: number | null;
	volunteer_hours: number | null;
};

const num = (n: number | null) => (n === null ? null : toNumber(n));

/** The activity log. `?strategy=`, `?kind=`, `?from=`, `?to=`, `?sort=-date|date`. */
export async function listActivitiesApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<ActivityItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('activity')
		.select([
			'id',
			'coalition_id',
			'happened_on',
			'description',
			'kind',
			'strategy_code',
			'task_id',
			'reached_youth_f',
			'reached_youth_m',
			'reached_adult_f',
			'reached_adult_m',
			'reached_total',
			'sectors',
			'volunteers',
			'volunteer_hours'
		])
		.where('coalition_id', '=', coalitionId);
	if (only) q = q.where('id', '=', only);
	if (params.get('strategy')) q = q.where('strategy_code', '=', params.get('strategy')!);
	if (params.get('kind')) q = q.where('kind', '=', params.get('kind')!);
	q = inPeriod(q, params, 'happened_on');
	const keyset = sortOf(params, byDate('happened_on', 'id'));
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: ActivityRow) => ({
			id: r.id,
			coalitionId: r.coalition_id,
			happenedOn: r.happened_on,
			description: r.description,
			kind: r.kind,
			strategyCode: r.strategy_code,
			taskId: r.task_id,
			reached: {
				youthF: num(r.reached_youth_f),
				youthM: num(r.reached_youth_m),
				adultF: num(r.reached_adult_f),
				adultM: num(r.reached_adult_m),
				total: num(r.reached_total)
			},
			sectors: sectorsOf(r.sectors),
			volunteers: num(r.volunteers),
			volunteerHours: num(r.volunteer_hours)
		}),
		(r) => r.happened_on
	);
}

// ------------------------------------------------------------------ community changes

type ChangeRow = {
	id: string;
	coalition_id: string;
	kind: string;
	title: string;
	description: string | null;
	sector: string | null;
	local_condition_item_id: string | null;
	happened_on: string;
	evidence: string | null;
	status: string;
};

/** Community and system changes. `?kind=`, `?status=`, `?from=`, `?to=`, `?sort=-date|date`. */
export async function listChangesApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<ChangeItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('community_change')
		.select([
			'id',
			'coalition_id',
			'kind',
			'title',
			'description',
			'sector',
			'local_condition_item_id',
			'happened_on',
			'evidence',
			'status'
		])
		.where('coalition_id', '=', coalitionId);
	if (only) q = q.where('id', '=', only);
	if (params.get('kind')) q = q.where('kind', '=', params.get('kind')!);
	if (params.get('status')) q = q.where('status', '=', params.get('status')!);
	q = inPeriod(q, params, 'happened_on');
	const keyset = sortOf(params, byDate('happened_on', 'id'));
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: ChangeRow) => ({
			id: r.id,
			coalitionId: r.coalition_id,
			kind: r.kind,
			title: r.title,
			description: r.description,
			sector: r.sector,
			localConditionItemId: r.local_condition_item_id,
			happenedOn: r.happened_on,
			evidence: r.evidence,
			status: r.status
		}),
		(r) => r.happened_on
	);
}

// ------------------------------------------------------------------ stories

type StoryRow = {
	id: string;
	coalition_id: string | null;
	slug: string;
	status: string;
	title_es: string | null;
	title_en: string | null;
	summary_es: string | null;
	summary_en: string | null;
	body_es: string | null;
	body_en: string | null;
	published_at: string | null;
	updated_at: string;
};

/** A coalition's stories, drafts included (as on its workspace tab). `?status=`, `?sort=-updated|updated`. */
export async function listStoriesApi(
	db: Db,
	actor: Actor,
	coalitionId: string,
	params: URLSearchParams,
	only?: string
): Promise<Page<StoryItem>> {
	await requireCoalition(db, actor, coalitionId, 'view');
	let q = db
		.selectFrom('story')
		.select([
			'id',
			'coalition_id',
			'slug',
			'status',
			'title_es',
			'title_en',
			'summary_es',
			'summary_en',
			'body_es',
			'body_en',
			'published_at',
			'updated_at'
		])
		.where('coalition_id', '=', coalitionId);
	if (only) q = q.where('id', '=', only);
	if (params.get('status')) q = q.where('status', '=', params.get('status')!);
	const keyset = sortOf(params, {
		'-updated': { sort: 'updated_at', id: 'id', direction: 'desc' },
		updated: { sort: 'updated_at', id: 'id', direction: 'asc' }
	});
	return paged(
		q,
		keyset,
		pageRequest(params),
		(r: StoryRow) => ({
			id: r.id,
			coalitionId: r.coalition_id,
			slug: r.slug,
			status: r.status,
			titleEs: r.title_es,
			titleEn: r.title_en,
			summaryEs: r.summary_es,
			summaryEn: r.summary_en,
			bodyEs: r.body_es,
			bodyEn: r.body_en,
			publishedAt: r.published_at,
			updatedAt: r.updated_at
		}),
		(r) => r.updated_at
	);
}

/** One record of a coalition-scoped list, or "not found". */
export async function oneOf<T>(
	list: (
		db: Db,
		actor: Actor,
		coalitionId: string,
		params: URLSearchParams,
		only?: string
	) => Promise<Page<T>>,
	db: Db,
	actor: Actor,
	coalitionId: string,
	id: string
): Promise<T> {
	const page = await list(db, actor, coalitionId, new URLSearchParams(), id);
	if (!page.data.length) throw new NotFoundError('record');
	return page.data[0];
}
