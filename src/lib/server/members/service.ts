/**
 * A coalition's people: who they are (for those who may see personal data), how many there are
 * per sector and role (for everyone who may see the coalition), a guardian's consent before a
 * minor's details are kept, and a person's data exported or erased on request.
 *
 * The audit trail records ids, codes and whether a detail is filled in, never a name, a contact
 * or a birth year: an erasure then leaves nothing personal behind in the history.
 */
import {
	canEditCoalition,
	canEnterNetwork,
	canSeePersonalData,
	coordinatedCoalitionIds,
	isNetworkAdmin,
	type Actor
} from '$lib/domain/access';
import { MEMBER_ROLES, SECTORS } from '$lib/domain/capacity';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	ANONYMOUS_NAME,
	CONSENT_GUARDED_FIELDS,
	consentErrors,
	isActiveMembership,
	isMinor,
	sectorCoverage,
	todayInLima,
	type SectorCoverage
} from '$lib/domain/members';
import { placePath } from '$lib/domain/places';
import {
	CONSENT_FIELDS,
	consentSchema,
	END_MEMBERSHIP_FIELDS,
	endMembershipSchema,
	hasConsentInput,
	MEMBER_FIELDS,
	memberSchema,
	MEMBERSHIP_FIELDS,
	membershipSchema,
	minorFromValues,
	type MemberInput
} from '$lib/domain/schemas/member';
import { normalizeForSearch } from '$lib/domain/text';
import { historyOf, recordAudit } from '../audit/service';
import { mapCoalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { listPlaces } from '../places/queries';
import {
	coalitionMemberships,
	consentsOf,
	findPerson,
	hasActiveConsent,
	latestMembership,
	membershipDates,
	membershipsOf,
	type MembershipRow,
	type PersonRow
} from './queries';

export type SaveResult<T = { personId: string }> =
	| ({ status: 'ok' } & T)
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

type Today = { today?: string };

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

/** What the audit trail keeps of a person and one membership: codes, dates and flags. */
function auditShape(person: PersonRow, membership: MembershipRow | null, consents?: number) {
	return {
		ageGroup: person.age_group,
		hasLastName: person.last_name !== null,
		hasEmail: person.email !== null,
		hasPhone: person.phone !== null,
		hasGender: person.gender !== null,
		hasBirthYear: person.birth_year !== null,
		...(membership
			? {
					membershipId: membership.id,
					coalitionId: membership.coalition_id,
					role: membership.role,
					sector: membership.sector,
					hasOrganization: membership.organization_name !== null,
					startedOn: membership.started_on,
					endedOn: membership.ended_on
				}
			: {}),
		...(consents === undefined ? {} : { consents })
	};
}

function personColumns(input: MemberInput) {
	return {
		first_name: input.firstName,
		last_name: input.lastName,
		name_search: normalizeForSearch(`${input.firstName} ${input.lastName ?? ''}`),
		email: input.email,
		phone: input.phone,
		gender: input.gender,
		birth_year: input.birthYear,
		age_group: input.ageGroup
	};
}

function membershipColumns(input: MemberInput) {
	return {
		role: input.role,
		sector: input.sector,
		organization_name: input.organizationName,
		started_on: input.startedOn,
		ended_on: input.endedOn
	};
}

/** The guarded fields as typed, for the consent rule (which looks only at "filled or not"). */
function guardedValues(values: Record<string, string>) {
	return Object.fromEntries(CONSENT_GUARDED_FIELDS.map((f) => [f, values[f] ?? '']));
}

async function countConsents(db: Db, personId: string): Promise<number> {
	const row = await db
		.selectFrom('guardian_consent')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('person_id', '=', personId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

// ——— Lists and counts ———

export interface MemberListOptions extends Today {
	includeEnded?: boolean;
}

/**
 * A coalition's members by sector. Everyone who may see the coalition gets the counts; names come
 * only to those who may see its personal data (`people` is null for the others).
 */
export async function listMembers(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	options: MemberListOptions = {}
) {
	const { scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const today = options.today ?? todayInLima();
	const rows = await coalitionMemberships(db, coalitionId);
	const active = rows.filter((r) => isActiveMembership(r, today));
	const canSeePeople = canSeePersonalData(actor, scope);
	const order = (sector: string) => SECTORS.indexOf(sector as (typeof SECTORS)[number]);
	const people = canSeePeople
		? rows
				.filter((r) => options.includeEnded || r.ended_on === null || r.ended_on >= today)
				.map((r) => {
					const minor = isMinor(r.age_group, r.birth_year, today);
					return {
						personId: r.person_id,
						membershipId: r.membership_id,
						firstName: r.erased_at ? null : r.first_name,
						lastName: r.erased_at ? null : r.last_name,
						nameSearch: r.name_search,
						role: r.role,
						sector: r.sector,
						organizationName: r.organization_name,
						startedOn: r.started_on,
						endedOn: r.ended_on,
						active: isActiveMembership(r, today),
						minor,
						awaitingConsent: minor && !r.has_consent && !r.erased_at,
						erased: r.erased_at !== null
					};
				})
				.sort(
					(a, b) =>
						order(a.sector) - order(b.sector) ||
						Number(b.active) - Number(a.active) ||
						a.nameSearch.localeCompare(b.nameSearch, 'es')
				)
				.map(({ nameSearch: _, ...rest }) => rest)
		: null;
	return {
		canSeePeople,
		canEdit: canEditCoalition(actor, scope),
		includeEnded: Boolean(options.includeEnded),
		coverage: sectorCoverage(rows, today),
		byRole: MEMBER_ROLES.map((role) => ({
			role,
			active: active.filter((r) => r.role === role).length
		})),
		ended: rows.length - active.length,
		people,
		awaitingConsent: people ? people.filter((p) => p.active && p.awaitingConsent).length : null
	};
}

/** The twelve sectors of one coalition: counts only, for anyone who may see the coalition. */
export async function coalitionSectorCoverage(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	options: Today = {}
): Promise<SectorCoverage> {
	await requireCoalition(db, actor, coalitionId, 'view');
	return sectorCoverage(await membershipDates(db, [coalitionId]), options.today ?? todayInLima());
}

/**
 * For the coalition's "at a glance": active members, sectors represented and missing, and (for
 * those who see personal data) how many minors still wait for a guardian's consent.
 */
export async function membersSummary(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	options: Today = {}
) {
	const list = await listMembers(db, actor, coalitionId, options);
	return {
		total: list.coverage.total,
		represented: list.coverage.represented,
		bySector: list.coverage.sectors,
		gaps: list.coverage.gaps,
		awaitingConsent: list.awaitingConsent
	};
}

/** For the public profile: how many active members and sectors, nothing about anyone. */
export async function publicMemberCounts(db: Db, coalitionId: string, options: Today = {}) {
	const coverage = sectorCoverage(
		await membershipDates(db, [coalitionId]),
		options.today ?? todayInLima()
	);
	return { total: coverage.total, represented: coverage.represented };
}

export interface NetworkCoverageQuery extends Today {
	regionId?: string;
	sort?: string;
}

/** Coalitions whose pages the actor may open; null means every one of them. */
async function viewableCoalitionIds(
	db: Db,
	actor: Actor | null,
	networkId: string
): Promise<Set<string> | null> {
	const grants = (actor?.grants ?? []).filter((g) => g.networkId === networkId);
	if (grants.some((g) => g.role === 'network_admin' || g.role === 'viewer')) return null;
	const ids = new Set(coordinatedCoalitionIds(actor, networkId));
	if (grants.some((g) => g.role === 'partner_staff')) {
		for (const c of await editableCoalitions(db, actor, networkId)) ids.add(c.id);
	}
	return ids;
}

/**
 * Coalitions × sectors for the whole network, counts only (any role in the network): where each
 * coalition has active representatives, and where recruitment is needed.
 */
export async function networkSectorCoverage(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: NetworkCoverageQuery = {}
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const today = query.today ?? todayInLima();
	const places = await listPlaces(db, networkId);
	const byId = new Map(
		places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
	);
	const regions = places
		.filter((p) => p.parent_id === null)
		.map((p) => ({ id: p.id, name: p.name }));
	const regionId = regions.some((r) => r.id === query.regionId) ? query.regionId! : '';
	const coalitions = (
		await db
			.selectFrom('coalition')
			.select(['id', 'name', 'place_id'])
			.where('network_id', '=', networkId)
			.where('status', '!=', 'archived')
			.orderBy('name_search')
			.orderBy('id')
			.execute()
	).filter((c) => !regionId || placePath(c.place_id, byId).some((p) => p.id === regionId));
	const dates = await membershipDates(
		db,
		coalitions.map((c) => c.id)
	);
	const byCoalition = new Map<string, typeof dates>();
	for (const d of dates) {
		byCoalition.set(d.coalition_id, [...(byCoalition.get(d.coalition_id) ?? []), d]);
	}
	const sort = query.sort === 'gaps' ? 'gaps' : 'name';
	const openable = await viewableCoalitionIds(db, actor, networkId);
	const rows = coalitions.map((c) => {
		const coverage = sectorCoverage(byCoalition.get(c.id) ?? [], today);
		return {
			id: c.id,
			name: c.name,
			place: placePath(c.place_id, byId)
				.slice(1)
				.filter((p) => p.name !== c.name)
				.map((p) => p.name)
				.reverse()
				.join(', '),
			counts: coverage.sectors.map((s) => s.active),
			total: coverage.total,
			gaps: coverage.gaps.length,
			canOpen: openable === null || openable.has(c.id)
		};
	});
	if (sort === 'gaps') rows.sort((a, b) => b.gaps - a.gaps);
	return {
		sectors: [...SECTORS],
		rows,
		/** per sector, how many of the listed coalitions have nobody in it */
		missing: SECTORS.map((_, i) => rows.filter((r) => r.counts[i] === 0).length),
		regions,
		regionId,
		sort
	};
}

/**
 * Coalitions the actor may see personal data of where minors wait for a guardian's consent: the
 * overview's open items.
 */
export async function membersOpenItems(
	db: Db,
	actor: Actor | null,
	networkId: string,
	options: Today = {}
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const today = options.today ?? todayInLima();
	const rows = await db
		.selectFrom('membership')
		.innerJoin('person', 'person.id', 'membership.person_id')
		.innerJoin('coalition', 'coalition.id', 'membership.coalition_id')
		.select([
			'coalition.id as coalition_id',
			'membership.started_on',
			'membership.ended_on',
			'person.age_group',
			'person.birth_year'
		])
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived')
		.where('person.erased_at', 'is', null)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('guardian_consent')
						.select('guardian_consent.id')
						.whereRef('guardian_consent.person_id', '=', 'person.id')
						.where('guardian_consent.revoked_at', 'is', null)
				)
			)
		)
		.execute();
	const counts = new Map<string, number>();
	for (const r of rows) {
		if (isActiveMembership(r, today) && isMinor(r.age_group, r.birth_year, today)) {
			counts.set(r.coalition_id, (counts.get(r.coalition_id) ?? 0) + 1);
		}
	}
	const items: { coalitionId: string; coalitionName: string; awaitingConsent: number }[] = [];
	for (const [id, n] of counts) {
		const row = await db
			.selectFrom('coalition')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		if (canSeePersonalData(actor, await coalitionScope(db, mapCoalition(row)))) {
			items.push({ coalitionId: id, coalitionName: row.name, awaitingConsent: n });
		}
	}
	return items.sort((a, b) => a.coalitionName.localeCompare(b.coalitionName, 'es'));
}

// ——— Adding and editing ———

/**
 * A new person and their membership, in one transaction. A minor keeps only a first name and an
 * age group unless the form also brings a guardian's consent, which is then stored with them.
 */
export async function addMember(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>,
	options: Today = {}
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const today = options.today ?? todayInLima();
	const values = formValues(form, [...MEMBER_FIELDS, ...CONSENT_FIELDS]);
	const parsed = parseForm(memberSchema(today), form, MEMBER_FIELDS);
	const minor = parsed.ok
		? isMinor(parsed.value.ageGroup, parsed.value.birthYear, today)
		: minorFromValues(values, today);
	// An adult's consent part is dropped: a guardian's name is kept only when it is needed.
	const consentGiven = minor && hasConsentInput(values);
	const consent = consentGiven ? parseForm(consentSchema(today), form, CONSENT_FIELDS) : null;
	const errors: FieldErrors = {
		...consentErrors(guardedValues(values), minor, consentGiven),
		...(parsed.ok ? {} : parsed.errors),
		...(consent && !consent.ok ? consent.errors : {})
	};
	if (!parsed.ok || (consent && !consent.ok) || hasErrors(errors)) {
		return { status: 'invalid', errors, values };
	}
	const input = parsed.value;
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const personId = newId();
		const person: PersonRow = {
			id: personId,
			network_id: coalition.network_id,
			...personColumns(input),
			erased_at: null,
			created_at: now,
			updated_at: now
		};
		await trx.insertInto('person').values(person).execute();
		const membership: MembershipRow = {
			id: newId(),
			coalition_id: coalitionId,
			person_id: personId,
			...membershipColumns(input),
			created_at: now,
			updated_at: now
		};
		await trx.insertInto('membership').values(membership).execute();
		if (consent?.ok) {
			await trx
				.insertInto('guardian_consent')
				.values({
					id: newId(),
					person_id: personId,
					guardian_name: consent.value.guardianName,
					relationship: consent.value.relationship,
					method: consent.value.method,
					consented_on: consent.value.consentedOn,
					document_ref: consent.value.documentRef,
					recorded_by: actor!.userId,
					revoked_at: null,
					created_at: now
				})
				.execute();
		}
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: coalition.name,
			action: 'create',
			after: auditShape(person, membership, consent?.ok ? 1 : 0)
		});
		return { status: 'ok' as const, personId };
	});
}

/** The person and their latest membership here, for someone who may see personal data. */
async function requireMember(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	mode: 'view' | 'edit'
) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, mode);
	if (!canSeePersonalData(actor, scope)) throw new NotFoundError('person');
	const person = await findPerson(db, personId);
	const membership = person && (await latestMembership(db, coalitionId, personId));
	if (!person || !membership) throw new NotFoundError('person');
	return { coalition, scope, person, membership };
}

/** Both records change together, so the later of their times is the version a form saw. */
function versionOf(person: PersonRow, membership: MembershipRow): string {
	return person.updated_at > membership.updated_at ? person.updated_at : membership.updated_at;
}

function toFormValues(person: PersonRow, membership: MembershipRow): Record<string, string> {
	return {
		firstName: person.erased_at ? '' : person.first_name,
		lastName: person.last_name ?? '',
		email: person.email ?? '',
		phone: person.phone ?? '',
		gender: person.gender ?? '',
		birthYear: person.birth_year === null ? '' : String(person.birth_year),
		ageGroup: person.age_group ?? '',
		role: membership.role,
		sector: membership.sector,
		organizationName: membership.organization_name ?? '',
		startedOn: membership.started_on,
		endedOn: membership.ended_on ?? '',
		version: versionOf(person, membership)
	};
}

/** Coalitions of the network the actor may add people to (all of them for administrators). */
async function editableCoalitions(db: Db, actor: Actor | null, networkId: string) {
	const rows = await db
		.selectFrom('coalition')
		.selectAll()
		.where('network_id', '=', networkId)
		.where('status', '!=', 'archived')
		.orderBy('name_search')
		.execute();
	if (isNetworkAdmin(actor, networkId)) return rows.map((r) => ({ id: r.id, name: r.name }));
	const coordinated = new Set(coordinatedCoalitionIds(actor, networkId));
	const partner = actor?.grants.some(
		(g) => g.role === 'partner_staff' && g.networkId === networkId
	);
	const out: { id: string; name: string }[] = [];
	for (const row of rows) {
		if (!coordinated.has(row.id) && !partner) continue;
		if (canEditCoalition(actor, await coalitionScope(db, mapCoalition(row)))) {
			out.push({ id: row.id, name: row.name });
		}
	}
	return out;
}

/** Who may erase: administrators, or whoever may edit every coalition the person belongs to. */
async function mayErase(
	db: Db,
	actor: Actor | null,
	person: PersonRow,
	coalitionIds: string[]
): Promise<boolean> {
	if (isNetworkAdmin(actor, person.network_id)) return true;
	if (coalitionIds.length === 0) return false;
	for (const id of new Set(coalitionIds)) {
		const row = await db
			.selectFrom('coalition')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row || !canEditCoalition(actor, await coalitionScope(db, mapCoalition(row)))) {
			return false;
		}
	}
	return true;
}

export async function memberForEdit(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	options: Today = {}
) {
	const { coalition, scope, person, membership } = await requireMember(
		db,
		actor,
		coalitionId,
		personId,
		'view'
	);
	const today = options.today ?? todayInLima();
	const memberships = await membershipsOf(db, personId);
	const hasConsent = await hasActiveConsent(db, personId);
	const minor = isMinor(person.age_group, person.birth_year, today);
	const canEdit = canEditCoalition(actor, scope);
	const activeIn = new Set(
		memberships.filter((m) => isActiveMembership(m, today)).map((m) => m.coalition_id)
	);
	return {
		coalition: { id: coalition.id, name: coalition.name },
		person: {
			id: person.id,
			firstName: person.erased_at ? null : person.first_name,
			lastName: person.erased_at ? null : person.last_name,
			erasedAt: person.erased_at,
			minor,
			hasConsent,
			awaitingConsent: minor && !hasConsent && !person.erased_at
		},
		membership: {
			id: membership.id,
			role: membership.role,
			sector: membership.sector,
			startedOn: membership.started_on,
			endedOn: membership.ended_on,
			active: isActiveMembership(membership, today)
		},
		values: toFormValues(person, membership),
		memberships: memberships.map((m) => ({
			id: m.id,
			coalitionId: m.coalition_id,
			coalitionName: m.coalition_name,
			role: m.role,
			sector: m.sector,
			startedOn: m.started_on,
			endedOn: m.ended_on,
			active: isActiveMembership(m, today)
		})),
		consents: (await consentsOf(db, personId)).map((c) => ({
			id: c.id,
			guardianName: c.guardian_name,
			relationship: c.relationship,
			method: c.method,
			consentedOn: c.consented_on,
			documentRef: c.document_ref,
			revokedAt: c.revoked_at
		})),
		canEdit: canEdit && !person.erased_at,
		canEnd: canEdit && membership.ended_on === null,
		canErase:
			!person.erased_at &&
			(await mayErase(
				db,
				actor,
				person,
				memberships.map((m) => m.coalition_id)
			)),
		joinOptions:
			canEdit && !person.erased_at
				? (await editableCoalitions(db, actor, coalition.network_id)).filter(
						(c) => !activeIn.has(c.id)
					)
				: [],
		today,
		history: await historyOf(db, 'person', personId)
	};
}

export async function updateMember(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	form: Record<string, unknown>,
	options: Today = {}
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const { coalition, person, membership } = await requireMember(
		db,
		actor,
		coalitionId,
		personId,
		'edit'
	);
	// An erased person stays anonymous: nothing personal can be typed back in.
	if (person.erased_at) throw new NotFoundError('person');
	const today = options.today ?? todayInLima();
	const values = formValues(form, MEMBER_FIELDS);
	const parsed = parseForm(memberSchema(today), form, MEMBER_FIELDS);
	const minor = parsed.ok
		? isMinor(parsed.value.ageGroup, parsed.value.birthYear, today)
		: minorFromValues(values, today);
	const consented = await hasActiveConsent(db, personId);
	const errors: FieldErrors = {
		...consentErrors(guardedValues(values), minor, consented),
		...(parsed.ok ? {} : parsed.errors)
	};
	if (!parsed.ok || hasErrors(errors)) return { status: 'invalid', errors, values };
	if (parsed.value.version && parsed.value.version !== versionOf(person, membership)) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		await trx
			.updateTable('person')
			.set({ ...personColumns(parsed.value), updated_at: now })
			.where('id', '=', personId)
			.execute();
		await trx
			.updateTable('membership')
			.set({ ...membershipColumns(parsed.value), updated_at: now })
			.where('id', '=', membership.id)
			.execute();
		const after = (await findPerson(trx, personId))!;
		const afterMembership = (await latestMembership(trx, coalitionId, personId))!;
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: coalition.name,
			action: 'update',
			before: auditShape(person, membership),
			after: auditShape(after, afterMembership)
		});
		return { status: 'ok' as const, personId };
	});
}

/** The person leaves the coalition on a day; the membership stays for the history and counts. */
export async function endMembership(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	form: Record<string, unknown>,
	options: Today = {}
): Promise<SaveResult> {
	const { coalition, membership } = await requireMember(db, actor, coalitionId, personId, 'edit');
	const today = options.today ?? todayInLima();
	const parsed = parseForm(endMembershipSchema(today), form, END_MEMBERSHIP_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	if (parsed.value.endedOn < membership.started_on) {
		return {
			status: 'invalid',
			errors: { endedOn: 'dates_order' },
			values: formValues(form, END_MEMBERSHIP_FIELDS)
		};
	}
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('membership')
			.set({ ended_on: parsed.value.endedOn, updated_at: nowIso() })
			.where('id', '=', membership.id)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: coalition.name,
			action: 'end_membership',
			before: { membershipId: membership.id, endedOn: membership.ended_on },
			after: { membershipId: membership.id, endedOn: parsed.value.endedOn }
		});
	});
	return { status: 'ok', personId };
}

/** A guardian's consent for a minor; from then on the person's other details may be filled in. */
export async function recordConsent(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	form: Record<string, unknown>,
	options: Today = {}
): Promise<SaveResult> {
	const { coalition, person } = await requireMember(db, actor, coalitionId, personId, 'edit');
	if (person.erased_at) throw new NotFoundError('person');
	const today = options.today ?? todayInLima();
	const parsed = parseForm(consentSchema(today), form, CONSENT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	// An adult's guardian is nobody this system needs to know about.
	if (!isMinor(person.age_group, person.birth_year, today)) {
		return {
			status: 'invalid',
			errors: { guardianName: 'consent_not_needed' },
			values: formValues(form, CONSENT_FIELDS)
		};
	}
	await db.transaction().execute(async (trx) => {
		const before = await countConsents(trx, personId);
		const consentId = newId();
		await trx
			.insertInto('guardian_consent')
			.values({
				id: consentId,
				person_id: personId,
				guardian_name: parsed.value.guardianName,
				relationship: parsed.value.relationship,
				method: parsed.value.method,
				consented_on: parsed.value.consentedOn,
				document_ref: parsed.value.documentRef,
				recorded_by: actor!.userId,
				revoked_at: null,
				created_at: nowIso()
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: coalition.name,
			action: 'add_consent',
			before: { consents: before },
			after: {
				consents: before + 1,
				consentId,
				consentMethod: parsed.value.method,
				consentedOn: parsed.value.consentedOn
			}
		});
	});
	return { status: 'ok', personId };
}

/**
 * The same person joins one more coalition (one the actor may edit too), so nobody has to type
 * them, or a child, in twice.
 */
export async function addMembership(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	personId: string,
	form: Record<string, unknown>,
	options: Today = {}
): Promise<SaveResult<{ personId: string; coalitionId: string }>> {
	const { person } = await requireMember(db, actor, coalitionId, personId, 'edit');
	if (person.erased_at) throw new NotFoundError('person');
	const today = options.today ?? todayInLima();
	const values = formValues(form, MEMBERSHIP_FIELDS);
	const parsed = parseForm(membershipSchema(today), form, MEMBERSHIP_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values };
	const input = parsed.value;
	const minor = isMinor(person.age_group, person.birth_year, today);
	const errors: FieldErrors = consentErrors(
		{ organizationName: input.organizationName },
		minor,
		await hasActiveConsent(db, personId)
	);
	if (input.role === 'youth_member' && !minor) errors.role = 'youth_member_age';
	const target = await db
		.selectFrom('coalition')
		.selectAll()
		.where('id', '=', input.coalitionId)
		.where('network_id', '=', person.network_id)
		.executeTakeFirst();
	if (!target || !canEditCoalition(actor, await coalitionScope(db, mapCoalition(target)))) {
		errors.coalitionId = 'not_found';
	} else {
		const current = await latestMembership(db, target.id, personId);
		if (current && isActiveMembership(current, today)) errors.coalitionId = 'already_member';
	}
	if (hasErrors(errors)) return { status: 'invalid', errors, values };
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const membership: MembershipRow = {
			id: newId(),
			coalition_id: input.coalitionId,
			person_id: personId,
			role: input.role,
			sector: input.sector,
			organization_name: input.organizationName,
			started_on: input.startedOn,
			ended_on: null,
			created_at: now,
			updated_at: now
		};
		await trx.insertInto('membership').values(membership).execute();
		await recordAudit(trx, actor, {
			networkId: person.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: target!.name,
			action: 'add_membership',
			after: auditShape(person, membership)
		});
		return { status: 'ok' as const, personId, coalitionId: input.coalitionId };
	});
}

// ——— Export and erasure ———

/**
 * The person's coalitions and whether the actor may see their personal data in at least one: the
 * condition for an export.
 */
async function requirePersonalAccess(db: Db, actor: Actor | null, personId: string) {
	const person = await findPerson(db, personId);
	if (!person) throw new NotFoundError('person');
	const memberships = await membershipsOf(db, personId);
	for (const id of new Set(memberships.map((m) => m.coalition_id))) {
		const row = await db
			.selectFrom('coalition')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (row && canSeePersonalData(actor, await coalitionScope(db, mapCoalition(row)))) {
			return { person, memberships };
		}
	}
	throw new NotFoundError('person');
}

/** Everything kept about a person, as one JSON-ready object (a data subject's access request). */
export async function exportPerson(db: Db, actor: Actor | null, personId: string) {
	const { person, memberships } = await requirePersonalAccess(db, actor, personId);
	const trainings = await db
		.selectFrom('training_attendance')
		.innerJoin('training_event', 'training_event.id', 'training_attendance.event_id')
		.leftJoin('coalition', 'coalition.id', 'training_attendance.coalition_id')
		.select([
			'training_event.title',
			'training_event.kind',
			'training_event.starts_on',
			'training_event.ends_on',
			'training_event.hours as event_hours',
			'training_attendance.hours',
			'training_attendance.certificate_code',
			'coalition.name as coalition_name'
		])
		.where('training_attendance.person_id', '=', personId)
		.orderBy('training_event.starts_on')
		.execute();
	const meetings = await db
		.selectFrom('meeting_attendance')
		.innerJoin('membership', 'membership.id', 'meeting_attendance.membership_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('membership.person_id', '=', personId)
		.executeTakeFirstOrThrow();
	return {
		exportedAt: nowIso(),
		person: {
			id: person.id,
			firstName: person.erased_at ? null : person.first_name,
			lastName: person.last_name,
			email: person.email,
			phone: person.phone,
			gender: person.gender,
			birthYear: person.birth_year,
			ageGroup: person.age_group,
			erasedAt: person.erased_at,
			createdAt: person.created_at,
			updatedAt: person.updated_at
		},
		consents: (await consentsOf(db, personId)).map((c) => ({
			guardianName: c.guardian_name,
			relationship: c.relationship,
			method: c.method,
			consentedOn: c.consented_on,
			documentRef: c.document_ref,
			revokedAt: c.revoked_at,
			recordedAt: c.created_at
		})),
		memberships: memberships.map((m) => ({
			coalition: m.coalition_name,
			role: m.role,
			sector: m.sector,
			organizationName: m.organization_name,
			startedOn: m.started_on,
			endedOn: m.ended_on
		})),
		trainingAttendance: trainings.map((t) => ({
			training: t.title,
			kind: t.kind,
			startsOn: t.starts_on,
			endsOn: t.ends_on,
			hours: t.hours ?? t.event_hours,
			certificateCode: t.certificate_code,
			coalition: t.coalition_name
		})),
		meetingAttendanceCount: Number(meetings.n)
	};
}

/**
 * Erasure on request. Names, contacts, birth year, gender, the organizations named in memberships
 * and the guardian's consents go; the age group, the memberships (sector, role, dates) and every
 * attendance row stay, so counts and totals do not change. The first name becomes the fixed code
 * ANONYMOUS_NAME, which pages show as a message.
 */
export async function erasePerson(
	db: Db,
	actor: Actor | null,
	personId: string
): Promise<{ status: 'ok' }> {
	const person = await findPerson(db, personId);
	if (!person) throw new NotFoundError('person');
	const memberships = await membershipsOf(db, personId);
	if (
		!(await mayErase(
			db,
			actor,
			person,
			memberships.map((m) => m.coalition_id)
		))
	) {
		throw new NotFoundError('person');
	}
	if (person.erased_at) return { status: 'ok' };
	await db.transaction().execute(async (trx) => {
		const consents = await countConsents(trx, personId);
		const now = nowIso();
		await trx
			.updateTable('person')
			.set({
				first_name: ANONYMOUS_NAME,
				last_name: null,
				name_search: ANONYMOUS_NAME,
				email: null,
				phone: null,
				gender: null,
				birth_year: null,
				erased_at: now,
				updated_at: now
			})
			.where('id', '=', personId)
			.execute();
		await trx.deleteFrom('guardian_consent').where('person_id', '=', personId).execute();
		await trx
			.updateTable('membership')
			.set({ organization_name: null, updated_at: now })
			.where('person_id', '=', personId)
			.execute();
		const after = (await findPerson(trx, personId))!;
		await recordAudit(trx, actor, {
			networkId: person.network_id,
			entityType: 'person',
			entityId: personId,
			entityLabel: null,
			action: 'erase',
			before: {
				...auditShape(person, null, consents),
				organizations: memberships.filter((m) => m.organization_name !== null).length
			},
			after: { ...auditShape(after, null, 0), organizations: 0, erased: true }
		});
	});
	return { status: 'ok' };
}
