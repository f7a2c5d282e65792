/**
 * Training events are the network's (workshops, institutes, webinars, site visits), attended by
 * people of its coalitions. Anyone with a role in the network reads the events; administrators and
 * partner staff organize them. Who attended is personal data: names show only to those who may
 * see the people of the attendee's coalition, everyone else gets counts per coalition.
 */
import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
	canEnterNetwork,
	canManageTrainings,
	canSeePersonalData,
	isNetworkAdmin,
	type Actor,
	type CoalitionScope
} from '$lib/domain/access';
import { attendeeHours, sumHours } from '$lib/domain/assistance';
import { TRAINING_KINDS } from '$lib/domain/capacity';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	ATTENDEE_FIELDS,
	attendeeSchema,
	topicsOf,
	topicsText,
	TRAINING_FIELDS,
	trainingSchema,
	type TrainingInput
} from '$lib/domain/schemas/training';
import { normalizeForSearch } from '$lib/domain/text';
import { historyOf, recordAudit } from '../audit/service';
import { mapCoalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { containsText, toNumber } from '../db/dialect';
import type { TrainingEventTable } from '../db/types';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';

export const TRAININGS_PAGE_SIZE = 25;

type TrainingEvent = Selectable<TrainingEventTable>;

async function findEvent(db: Db, id: string): Promise<TrainingEvent | undefined> {
	return db.selectFrom('training_event').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The event if the actor has a role in its network (or may organize it, with `manage`). */
async function requireEvent(db: Db, actor: Actor | null, id: string, mode: 'view' | 'manage') {
	const event = await findEvent(db, id);
	if (!event) throw new NotFoundError('training');
	const allowed =
		mode === 'manage'
			? canManageTrainings(actor, event.network_id)
			: canEnterNetwork(actor, event.network_id);
	if (!allowed) throw new NotFoundError('training');
	return event;
}

/** Coalitions by id with what the access rules need, loaded once per page. */
async function coalitionsById(db: Db, ids: readonly string[]) {
	const unique = [...new Set(ids)];
	const out = new Map<string, { name: string; scope: CoalitionScope }>();
	if (unique.length === 0) return out;
	const rows = await db.selectFrom('coalition').selectAll().where('id', 'in', unique).execute();
	for (const row of rows) {
		out.set(row.id, { name: row.name, scope: await coalitionScope(db, mapCoalition(row)) });
	}
	return out;
}

/** An erased person keeps the row (for counts) but not the name: null here. */
function personName(p: { first_name: string; last_name: string | null; erased_at: string | null }) {
	if (p.erased_at) return null;
	return [p.first_name, p.last_name].filter(Boolean).join(' ');
}

// No 0/O or 1/I: the code is read aloud and typed from paper.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** "2026-7K3M-Q9PX": the year of the event, then eight characters hard to guess. */
export function newCertificateCode(startsOn: string): string {
	const part = () =>
		Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
	return `${startsOn.slice(0, 4)}-${part()}-${part()}`;
}

export interface TrainingListQuery {
	q?: string;
	kind?: string;
	year?: string;
	page?: number;
}

export async function listTrainings(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: TrainingListQuery
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const term = normalizeForSearch(query.q ?? '').slice(0, 100);
	const kind = (TRAINING_KINDS as readonly string[]).includes(query.kind ?? '') ? query.kind : '';
	const year = /^\d{4}$/.test(query.year ?? '') ? query.year : '';
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);

	let base = db.selectFrom('training_event').where('training_event.network_id', '=', networkId);
	if (term) base = base.where((eb) => containsText(eb.ref('training_event.title_search'), term));
	if (kind) base = base.where('training_event.kind', '=', kind);
	if (year) {
		base = base
			.where('training_event.starts_on', '>=', `${year}-01-01`)
			.where('training_event.starts_on', '<=', `${year}-12-31`);
	}
	const total = toNumber(
		(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
	);
	const rows = await base
		.leftJoin('organization', 'organization.id', 'training_event.organizer_id')
		.select((eb) => [
			'training_event.id',
			'training_event.title',
			'training_event.kind',
			'training_event.starts_on',
			'training_event.ends_on',
			'training_event.place',
			'training_event.hours',
			'organization.name as organizer_name',
			'organization.short_name as organizer_short_name',
			eb
				.selectFrom('training_attendance')
				.select((sub) => sub.fn.countAll<number>().as('n'))
				.whereRef('training_attendance.event_id', '=', 'training_event.id')
				.as('attendees')
		])
		.orderBy('training_event.starts_on', 'desc')
		.orderBy('training_event.id')
		.limit(TRAININGS_PAGE_SIZE)
		.offset((page - 1) * TRAININGS_PAGE_SIZE)
		.execute();
	const years = await db
		.selectFrom('training_event')
		.select('starts_on')
		.where('network_id', '=', networkId)
		.execute();
	return {
		rows: rows.map((r) => ({
			id: r.id,
			title: r.title,
			kind: r.kind,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			place: r.place,
			organizer: r.organizer_short_name ?? r.organizer_name,
			hours: r.hours,
			attendees: toNumber(r.attendees)
		})),
		total,
		page,
		pageSize: TRAININGS_PAGE_SIZE,
		pages: Math.max(1, Math.ceil(total / TRAININGS_PAGE_SIZE)),
		years: [...new Set(years.map((y) => y.starts_on.slice(0, 4)))].sort().reverse(),
		canCreate: canManageTrainings(actor, networkId)
	};
}

/** Organizations that may organize an event: those with a role in the network. */
export async function trainingFormOptions(db: Db, networkId: string) {
	const organizations = await db
		.selectFrom('organization')
		.select(['id', 'name', 'short_name'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('partner_role')
					.select('partner_role.id')
					.whereRef('partner_role.organization_id', '=', 'organization.id')
					.where('partner_role.network_id', '=', networkId)
			)
		)
		.orderBy('name')
		.execute();
	return {
		organizations: organizations.map((o) => ({ value: o.id, label: o.short_name ?? o.name }))
	};
}

function toFormValues(e: TrainingEvent): Record<string, string> {
	return {
		title: e.title,
		kind: e.kind,
		startsOn: e.starts_on,
		endsOn: e.ends_on ?? '',
		place: e.place ?? '',
		organizerId: e.organizer_id ?? '',
		topics: topicsOf(e.topics).join(','),
		hours: String(e.hours),
		description: e.description ?? '',
		version: e.updated_at
	};
}

/** What the audit trail keeps of an event: its editable fields. */
function auditShape(e: TrainingEvent) {
	return {
		title: e.title,
		kind: e.kind,
		startsOn: e.starts_on,
		endsOn: e.ends_on,
		place: e.place,
		organizerId: e.organizer_id,
		topics: e.topics,
		hours: e.hours,
		description: e.description
	};
}

function columnsOf(input: TrainingInput) {
	return {
		title: input.title,
		title_search: normalizeForSearch(input.title),
		kind: input.kind,
		starts_on: input.startsOn,
		ends_on: input.endsOn,
		place: input.place,
		organizer_id: input.organizerId,
		topics: topicsText(input.topics),
		hours: input.hours,
		description: input.description
	};
}

async function organizerErrors(db: Db, networkId: string, input: TrainingInput) {
	const errors: FieldErrors = {};
	if (input.organizerId) {
		const role = await db
			.selectFrom('partner_role')
			.select('id')
			.where('organization_id', '=', input.organizerId)
			.where('network_id', '=', networkId)
			.executeTakeFirst();
		if (!role) errors.organizerId = 'not_found';
	}
	return errors;
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

export async function createTraining(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	if (!canManageTrainings(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(trainingSchema, form, TRAINING_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, TRAINING_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await organizerErrors(trx, networkId, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('training_event')
			.values({
				id,
				network_id: networkId,
				...columnsOf(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		const created = (await findEvent(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'training_event',
			entityId: id,
			entityLabel: created.title,
			action: 'create',
			after: auditShape(created)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateTraining(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const event = await requireEvent(db, actor, id, 'manage');
	const parsed = parseForm(trainingSchema, form, TRAINING_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, TRAINING_FIELDS);
	if (parsed.value.version && parsed.value.version !== event.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await organizerErrors(trx, event.network_id, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		await trx
			.updateTable('training_event')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		const after = (await findEvent(trx, id))!;
		await recordAudit(trx, actor, {
			networkId: event.network_id,
			entityType: 'training_event',
			entityId: id,
			entityLabel: after.title,
			action: 'update',
			before: auditShape(event),
			after: auditShape(after)
		});
		return { status: 'ok' as const, id };
	});
}

/**
 * What the trail keeps of an attendance: ids and hours, never a name. It is written on the event,
 * so the event's history tells who was added and removed.
 */
function attendanceAudit(
	a: { person_id: string; coalition_id: string | null; hours: number | null } | null
) {
	return {
		attendee: a?.person_id ?? null,
		attendeeCoalitionId: a?.coalition_id ?? null,
		attendeeHours: a?.hours ?? null
	};
}

export type AttendeeResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

export async function addAttendee(
	db: Db,
	actor: Actor | null,
	eventId: string,
	form: Record<string, unknown>
): Promise<AttendeeResult> {
	const event = await requireEvent(db, actor, eventId, 'manage');
	const parsed = parseForm(attendeeSchema, form, ATTENDEE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, ATTENDEE_FIELDS);
	const { personId, coalitionId, hours } = parsed.value;
	return db.transaction().execute(async (trx) => {
		// The person must belong to that coalition of this network, and the organizer must be allowed
		// to see that coalition's people: anyone else is answered like someone who does not exist.
		const membership = await trx
			.selectFrom('membership')
			.innerJoin('person', 'person.id', 'membership.person_id')
			.innerJoin('coalition', 'coalition.id', 'membership.coalition_id')
			.select(['membership.id'])
			.where('membership.person_id', '=', personId)
			.where('membership.coalition_id', '=', coalitionId)
			.where('person.network_id', '=', event.network_id)
			.where('coalition.network_id', '=', event.network_id)
			.where('person.erased_at', 'is', null)
			.executeTakeFirst();
		const scope = membership && (await coalitionsById(trx, [coalitionId])).get(coalitionId);
		if (!scope || !canSeePersonalData(actor, scope.scope)) {
			return { status: 'invalid' as const, errors: { personId: 'not_found' }, values };
		}
		const already = await trx
			.selectFrom('training_attendance')
			.select('id')
			.where('event_id', '=', eventId)
			.where('person_id', '=', personId)
			.executeTakeFirst();
		if (already) {
			return { status: 'invalid' as const, errors: { personId: 'attendee_duplicate' }, values };
		}
		const id = newId();
		const row = {
			id,
			event_id: eventId,
			person_id: personId,
			coalition_id: coalitionId,
			hours,
			certificate_code: newCertificateCode(event.starts_on),
			created_at: nowIso()
		};
		await trx.insertInto('training_attendance').values(row).execute();
		await recordAudit(trx, actor, {
			networkId: event.network_id,
			entityType: 'training_event',
			entityId: eventId,
			entityLabel: event.title,
			action: 'update',
			before: attendanceAudit(null),
			after: attendanceAudit(row)
		});
		return { status: 'ok' as const, id };
	});
}

export async function removeAttendee(
	db: Db,
	actor: Actor | null,
	eventId: string,
	attendanceId: string
): Promise<void> {
	const event = await requireEvent(db, actor, eventId, 'manage');
	const attendance = await db
		.selectFrom('training_attendance')
		.selectAll()
		.where('id', '=', attendanceId)
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	if (!attendance) throw new NotFoundError('attendance');
	if (!(await mayNameAttendee(db, actor, event.network_id, attendance.coalition_id))) {
		throw new NotFoundError('attendance');
	}
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('training_attendance').where('id', '=', attendanceId).execute();
		await recordAudit(trx, actor, {
			networkId: event.network_id,
			entityType: 'training_event',
			entityId: eventId,
			entityLabel: event.title,
			action: 'update',
			before: attendanceAudit(attendance),
			after: attendanceAudit(null)
		});
	});
}

/** An attendance without a coalition names nobody's coalition: only administrators see it. */
async function mayNameAttendee(
	db: Db,
	actor: Actor | null,
	networkId: string,
	coalitionId: string | null
) {
	if (!coalitionId) return isNetworkAdmin(actor, networkId);
	const c = (await coalitionsById(db, [coalitionId])).get(coalitionId);
	return Boolean(c && canSeePersonalData(actor, c.scope));
}

export async function trainingForEdit(db: Db, actor: Actor | null, id: string) {
	const event = await requireEvent(db, actor, id, 'view');
	const canEdit = canManageTrainings(actor, event.network_id);
	const rows = await db
		.selectFrom('training_attendance')
		.innerJoin('person', 'person.id', 'training_attendance.person_id')
		.select([
			'training_attendance.id',
			'training_attendance.person_id',
			'training_attendance.coalition_id',
			'training_attendance.hours',
			'training_attendance.certificate_code',
			'person.first_name',
			'person.last_name',
			'person.erased_at',
			'person.name_search'
		])
		.where('training_attendance.event_id', '=', id)
		.orderBy('person.name_search')
		.orderBy('training_attendance.id')
		.execute();

	const history = await historyOf(db, 'training_event', id);
	const historyPeople = [
		...new Set(
			history
				.flatMap((h) => h.changes)
				.filter((c) => c.field === 'attendee')
				.flatMap((c) => [c.before, c.after])
				.filter((v): v is string => typeof v === 'string')
		)
	];
	const historyMemberships = historyPeople.length
		? await db
				.selectFrom('membership')
				.select(['person_id', 'coalition_id'])
				.where('person_id', 'in', historyPeople)
				.execute()
		: [];
	const coalitions = await coalitionsById(db, [
		...rows.map((r) => r.coalition_id).filter((c): c is string => Boolean(c)),
		...historyMemberships.map((m) => m.coalition_id)
	]);
	const visible = (coalitionId: string | null) => {
		if (!coalitionId) return isNetworkAdmin(actor, event.network_id);
		const c = coalitions.get(coalitionId);
		return Boolean(c && canSeePersonalData(actor, c.scope));
	};

	const attendees = rows
		.filter((r) => visible(r.coalition_id))
		.map((r) => ({
			id: r.id,
			personId: r.person_id,
			name: personName(r),
			coalitionId: r.coalition_id,
			coalition: r.coalition_id ? (coalitions.get(r.coalition_id)?.name ?? null) : null,
			ownHours: r.hours,
			hours: attendeeHours(r.hours, event.hours),
			certificateCode: r.certificate_code
		}));
	const hiddenCounts = new Map<string, number>();
	for (const r of rows.filter((r) => !visible(r.coalition_id))) {
		const name = r.coalition_id ? (coalitions.get(r.coalition_id)?.name ?? '') : '';
		hiddenCounts.set(name, (hiddenCounts.get(name) ?? 0) + 1);
	}

	// People named in the history: by name where the reader may see them, else left unnamed.
	const people: Record<string, { name: string | null; visible: boolean }> = {};
	if (historyPeople.length) {
		const persons = await db
			.selectFrom('person')
			.select(['id', 'first_name', 'last_name', 'erased_at'])
			.where('id', 'in', historyPeople)
			.execute();
		for (const p of persons) {
			const seen = historyMemberships
				.filter((m) => m.person_id === p.id)
				.some((m) => visible(m.coalition_id));
			people[p.id] = { name: seen ? personName(p) : null, visible: seen };
		}
	}

	return {
		training: {
			id: event.id,
			title: event.title,
			kind: event.kind,
			startsOn: event.starts_on,
			endsOn: event.ends_on,
			hours: event.hours
		},
		values: toFormValues(event),
		canEdit,
		options: await trainingFormOptions(db, event.network_id),
		attendees,
		hidden: [...hiddenCounts]
			.map(([coalition, count]) => ({ coalition, count }))
			.sort((a, b) => a.coalition.localeCompare(b.coalition, 'es')),
		totalAttendees: rows.length,
		candidates: canEdit ? await attendeeCandidates(db, actor, event, rows) : [],
		history,
		historyPeople: people,
		coalitionNames: Object.fromEntries([...coalitions].map(([cid, c]) => [cid, c.name]))
	};
}

/**
 * The people an organizer may add: members of coalitions whose people they may see, who were
 * still members when the event began (or joined later), not erased and not yet on the list.
 */
async function attendeeCandidates(
	db: Db,
	actor: Actor | null,
	event: TrainingEvent,
	current: { person_id: string }[]
) {
	const rows = await db
		.selectFrom('membership')
		.innerJoin('person', 'person.id', 'membership.person_id')
		.innerJoin('coalition', 'coalition.id', 'membership.coalition_id')
		.select([
			'membership.person_id',
			'membership.coalition_id',
			'person.first_name',
			'person.last_name',
			'person.erased_at',
			'person.name_search',
			'coalition.name as coalition_name'
		])
		.where('coalition.network_id', '=', event.network_id)
		.where('person.network_id', '=', event.network_id)
		.where('person.erased_at', 'is', null)
		.where((eb) =>
			eb.or([
				eb('membership.ended_on', 'is', null),
				eb('membership.ended_on', '>=', event.starts_on)
			])
		)
		.orderBy('coalition.name')
		.orderBy('person.name_search')
		.execute();
	const coalitions = await coalitionsById(
		db,
		rows.map((r) => r.coalition_id)
	);
	const attending = new Set(current.map((c) => c.person_id));
	const seen = new Set<string>();
	const out: { personId: string; coalitionId: string; name: string; coalition: string }[] = [];
	for (const r of rows) {
		const key = `${r.person_id}|${r.coalition_id}`;
		if (attending.has(r.person_id) || seen.has(key)) continue;
		const c = coalitions.get(r.coalition_id);
		if (!c || !canSeePersonalData(actor, c.scope)) continue;
		seen.add(key);
		out.push({
			personId: r.person_id,
			coalitionId: r.coalition_id,
			name: personName(r) ?? '',
			coalition: r.coalition_name
		});
	}
	return out;
}

/**
 * What a printed certificate says. The person is not a user, so those who may print it are the
 * ones who may see their coalition's people, and the network's organizers of trainings.
 */
export async function certificate(db: Db, actor: Actor | null, attendanceId: string) {
	const row = await db
		.selectFrom('training_attendance')
		.innerJoin('training_event', 'training_event.id', 'training_attendance.event_id')
		.innerJoin('person', 'person.id', 'training_attendance.person_id')
		.innerJoin('network', 'network.id', 'training_event.network_id')
		.leftJoin('coalition', 'coalition.id', 'training_attendance.coalition_id')
		.leftJoin('organization', 'organization.id', 'training_event.organizer_id')
		.select([
			'training_attendance.id',
			'training_attendance.event_id',
			'training_attendance.coalition_id',
			'training_attendance.hours as own_hours',
			'training_attendance.certificate_code',
			'training_event.network_id',
			'training_event.title',
			'training_event.kind',
			'training_event.starts_on',
			'training_event.ends_on',
			'training_event.place',
			'training_event.topics',
			'training_event.hours',
			'person.first_name',
			'person.last_name',
			'person.erased_at',
			'network.name_es as network_name_es',
			'network.name_en as network_name_en',
			'coalition.name as coalition_name',
			'organization.name as organizer_name'
		])
		.where('training_attendance.id', '=', attendanceId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('certificate');
	const allowed =
		canManageTrainings(actor, row.network_id) ||
		(await mayNameAttendee(db, actor, row.network_id, row.coalition_id));
	if (!allowed) throw new NotFoundError('certificate');
	return {
		id: row.id,
		eventId: row.event_id,
		code: row.certificate_code,
		personName: personName(row),
		coalition: row.coalition_name,
		networkNameEs: row.network_name_es,
		networkNameEn: row.network_name_en,
		title: row.title,
		kind: row.kind,
		startsOn: row.starts_on,
		endsOn: row.ends_on,
		place: row.place,
		topics: topicsOf(row.topics),
		organizer: row.organizer_name,
		hours: attendeeHours(row.own_hours, row.hours)
	};
}

/** The events a coalition's people attended (as members of that coalition), newest first. */
export async function trainingsForCoalition(db: Db, actor: Actor | null, coalitionId: string) {
	await requireCoalition(db, actor, coalitionId, 'view');
	const rows = await db
		.selectFrom('training_attendance')
		.innerJoin('training_event', 'training_event.id', 'training_attendance.event_id')
		.select([
			'training_event.id',
			'training_event.title',
			'training_event.kind',
			'training_event.starts_on',
			'training_event.ends_on',
			'training_event.hours as event_hours',
			'training_attendance.person_id',
			'training_attendance.hours'
		])
		.where('training_attendance.coalition_id', '=', coalitionId)
		.orderBy('training_event.starts_on', 'desc')
		.orderBy('training_event.id')
		.execute();
	const events = new Map<
		string,
		{
			id: string;
			title: string;
			kind: string;
			startsOn: string;
			endsOn: string | null;
			attendees: number;
			personHours: number[];
		}
	>();
	for (const r of rows) {
		const e = events.get(r.id) ?? {
			id: r.id,
			title: r.title,
			kind: r.kind,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			attendees: 0,
			personHours: []
		};
		e.attendees += 1;
		e.personHours.push(attendeeHours(r.hours, r.event_hours));
		events.set(r.id, e);
	}
	const list = [...events.values()].map(({ personHours, ...e }) => ({
		...e,
		hours: sumHours(personHours)
	}));
	return {
		events: list,
		summary: {
			events: list.length,
			attendees: new Set(rows.map((r) => r.person_id)).size,
			hours: sumHours(list.map((e) => e.hours))
		}
	};
}

/** For the coalition's page at a glance: events attended, people who attended, person-hours. */
export async function trainingSummary(db: Db, actor: Actor | null, coalitionId: string) {
	return (await trainingsForCoalition(db, actor, coalitionId)).summary;
}
