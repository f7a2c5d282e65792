/**
 * The coalition registry as staff and coordinators edit it. Every function checks access first;
 * a coalition outside the actor's scope is reported exactly like one that does not exist.
 */
import {
	canActAsHub,
	canCreateCoalition,
	canEditCoalition,
	canSeePersonalData,
	canViewCoalition,
	coordinatedCoalitionIds,
	isNetworkAdmin,
	partnerOrganizationIds,
	type Actor,
	type CoalitionScope
} from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { placePath } from '$lib/domain/places';
import {
	COALITION_FIELDS,
	coalitionSchema,
	type CoalitionInput
} from '$lib/domain/schemas/coalition';
import { normalizeForSearch } from '$lib/domain/text';
import { recordAudit, historyOf } from '../audit/service';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { DB } from '../db/types';
import { containsText } from '../db/dialect';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import {
	listPlaces,
	placeAndDescendantIds,
	placesWithAncestors,
	topPlaces
} from '../places/queries';
import { freeCoalitionSlug } from './service';
import { mapCoalition, type Coalition } from './queries';

export const PAGE_SIZE = 25;

/** Which organizations support a coalition: roles on it or on its phase, or having started it. */
export async function coalitionScope(db: Db, coalition: Coalition): Promise<CoalitionScope> {
	const roles = await db
		.selectFrom('partner_role')
		.select('organization_id')
		.where('network_id', '=', coalition.network_id)
		.where((eb) =>
			eb.or([
				eb('coalition_id', '=', coalition.id),
				...(coalition.phase_id
					? [eb.and([eb('phase_id', '=', coalition.phase_id), eb('coalition_id', 'is', null)])]
					: [])
			])
		)
		.execute();
	const ids = new Set(roles.map((r) => r.organization_id));
	if (coalition.seeded_by_organization_id) ids.add(coalition.seeded_by_organization_id);
	return { id: coalition.id, networkId: coalition.network_id, supportingOrganizationIds: [...ids] };
}

async function findCoalition(db: Db, id: string): Promise<Coalition | undefined> {
	const row = await db.selectFrom('coalition').selectAll().where('id', '=', id).executeTakeFirst();
	return row && mapCoalition(row);
}

/** The coalition if the actor may see it (or edit it, with `edit`), else NotFoundError. */
export async function requireCoalition(
	db: Db,
	actor: Actor | null,
	id: string,
	mode: 'view' | 'edit'
): Promise<{ coalition: Coalition; scope: CoalitionScope }> {
	const coalition = await findCoalition(db, id);
	if (!coalition) throw new NotFoundError('coalition');
	const scope = await coalitionScope(db, coalition);
	const allowed = mode === 'edit' ? canEditCoalition(actor, scope) : canViewCoalition(actor, scope);
	if (!allowed) throw new NotFoundError('coalition');
	return { coalition, scope };
}

/** Ids of the coalitions the actor may see in a network; null means all of them. */
export async function visibleCoalitionIds(db: Db, actor: Actor | null, networkId: string) {
	if (
		isNetworkAdmin(actor, networkId) ||
		actor?.grants.some((g) => g.role === 'viewer' && g.networkId === networkId)
	) {
		return null;
	}
	const ids = new Set(coordinatedCoalitionIds(actor, networkId));
	const orgs = partnerOrganizationIds(actor, networkId);
	if (orgs.length) {
		// The rule of coalitionScope, for the whole network in one statement: asking it coalition by
		// coalition took seconds on a network of thousands (bench/scale.ts).
		const roles = (eb: ExpressionBuilder<DB, 'coalition'>) =>
			eb
				.selectFrom('partner_role')
				.where('partner_role.network_id', '=', networkId)
				.where('partner_role.organization_id', 'in', orgs);
		const rows = await db
			.selectFrom('coalition')
			.select('coalition.id')
			.where('coalition.network_id', '=', networkId)
			.where((eb) =>
				eb.or([
					eb('coalition.seeded_by_organization_id', 'in', orgs),
					eb('coalition.id', 'in', roles(eb).select('partner_role.coalition_id')),
					eb(
						'coalition.phase_id',
						'in',
						roles(eb).select('partner_role.phase_id').where('partner_role.coalition_id', 'is', null)
					)
				])
			)
			.execute();
		for (const row of rows) ids.add(row.id);
	}
	return [...ids];
}

export const COALITION_SORTS = [
	'name',
	'-name',
	'updated',
	'-updated',
	'founded',
	'-founded'
] as const;
export type CoalitionSort = (typeof COALITION_SORTS)[number];

export interface CoalitionListQuery {
	q?: string;
	status?: string;
	phaseId?: string;
	regionId?: string;
	sort?: string;
	page?: number;
}

/**
 * The registry list's filters and order, shared by the page (a page at a time) and the export
 * (every matching row, in batches).
 */
export async function coalitionListQuery(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: CoalitionListQuery
) {
	const visible = await visibleCoalitionIds(db, actor, networkId);
	if (visible !== null && visible.length === 0 && !canCreateCoalition(actor, networkId)) {
		if (!actor?.grants.some((g) => g.networkId === networkId)) throw new NotFoundError('network');
	}
	// Only the region's places and the page's paths are read, never the network's whole tree:
	// with thousands of communities that alone took longer than the list (bench/scale.ts).
	const inRegion = query.regionId
		? await placeAndDescendantIds(db, networkId, query.regionId)
		: null;
	const sort = COALITION_SORTS.includes(query.sort as CoalitionSort)
		? (query.sort as CoalitionSort)
		: 'name';
	const term = normalizeForSearch(query.q ?? '').slice(0, 100);

	let base = db.selectFrom('coalition').where('coalition.network_id', '=', networkId);
	if (visible !== null) base = base.where('coalition.id', 'in', visible.length ? visible : ['']);
	if (term) base = base.where((eb) => containsText(eb.ref('coalition.name_search'), term));
	if (query.status) base = base.where('coalition.status', '=', query.status);
	else base = base.where('coalition.status', '!=', 'archived');
	if (query.phaseId) base = base.where('coalition.phase_id', '=', query.phaseId);
	if (inRegion) base = base.where('coalition.place_id', 'in', inRegion.length ? inRegion : ['']);
	const direction: 'asc' | 'desc' = sort.startsWith('-') ? 'desc' : 'asc';
	const key = sort.replace('-', '') as 'name' | 'updated' | 'founded';
	return { base, sort, key, direction };
}

/**
 * Where each coalition sits in a list (its district, city, … up to the region), reading only these
 * rows' places and their ancestors.
 */
export async function withPlaceLabels<R extends { place_id: string; name: string }>(
	db: Db,
	networkId: string,
	rows: R[]
): Promise<(R & { place: string })[]> {
	const byId = await placesWithAncestors(
		db,
		networkId,
		rows.map((r) => r.place_id)
	);
	return rows.map((r) => ({
		...r,
		place: placePath(r.place_id, byId)
			.slice(1)
			.filter((p) => p.name !== r.name)
			.map((p) => p.name)
			.reverse()
			.join(', ')
	}));
}

export async function listCoalitionsFor(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: CoalitionListQuery
) {
	const { base, sort, key, direction } = await coalitionListQuery(db, actor, networkId, query);
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);

	const total = Number(
		(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
	);
	const column =
		key === 'updated'
			? 'coalition.updated_at'
			: key === 'founded'
				? 'coalition.founded_year'
				: 'coalition.name_search';
	const rows = await base
		.leftJoin('phase', 'phase.id', 'coalition.phase_id')
		.select([
			'coalition.id',
			'coalition.name',
			'coalition.slug',
			'coalition.status',
			'coalition.place_id',
			'coalition.founded_year',
			'coalition.updated_at',
			'phase.number as phase_number'
		])
		.orderBy(column, direction)
		.orderBy('coalition.id')
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.execute();
	return {
		rows: await withPlaceLabels(db, networkId, rows),
		total,
		page,
		pageSize: PAGE_SIZE,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		sort,
		canCreate: canCreateCoalition(actor, networkId),
		regions: await topPlaces(db, networkId),
		phases: await db
			.selectFrom('phase')
			.select(['id', 'number'])
			.where('network_id', '=', networkId)
			.orderBy('number')
			.execute()
	};
}

/** The choices a coalition form offers. */
export async function coalitionFormOptions(db: Db, networkId: string, excludeId?: string) {
	const places = await listPlaces(db, networkId);
	const byId = new Map(
		places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
	);
	const phases = await db
		.selectFrom('phase')
		.select(['id', 'number', 'name_es', 'name_en'])
		.where('network_id', '=', networkId)
		.orderBy('number')
		.execute();
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
	const coalitions = await db
		.selectFrom('coalition')
		.select(['id', 'name'])
		.where('network_id', '=', networkId)
		.where('status', '!=', 'archived')
		.orderBy('name')
		.execute();
	return {
		places: places
			.map((p) => ({
				value: p.id,
				label: placePath(p.id, byId)
					.map((x) => x.name)
					.join(' › ')
			}))
			.sort((a, b) => a.label.localeCompare(b.label, 'es')),
		phases: phases.map((p) => ({
			value: p.id,
			number: p.number,
			nameEs: p.name_es,
			nameEn: p.name_en
		})),
		organizations: organizations.map((o) => ({ value: o.id, label: o.short_name ?? o.name })),
		coalitions: coalitions
			.filter((c) => c.id !== excludeId)
			.map((c) => ({ value: c.id, label: c.name }))
	};
}

function toFormValues(c: Coalition): Record<string, string> {
	return {
		name: c.name,
		slug: c.slug,
		placeId: c.place_id,
		phaseId: c.phase_id ?? '',
		phaseInferred: c.phase_inferred ? 'on' : '',
		status: c.status,
		foundedYear: c.founded_year === null ? '' : String(c.founded_year),
		seededByCoalitionId: c.seeded_by_coalition_id ?? '',
		seededByOrganizationId: c.seeded_by_organization_id ?? '',
		descriptionEs: c.description_es ?? '',
		descriptionEn: c.description_en ?? '',
		version: c.updated_at
	};
}

/** What the audit trail keeps of a coalition: its editable fields. */
function auditShape(c: Coalition) {
	return {
		name: c.name,
		slug: c.slug,
		placeId: c.place_id,
		phaseId: c.phase_id,
		phaseInferred: c.phase_inferred,
		status: c.status,
		foundedYear: c.founded_year,
		seededByCoalitionId: c.seeded_by_coalition_id,
		seededByOrganizationId: c.seeded_by_organization_id,
		descriptionEs: c.description_es,
		descriptionEn: c.description_en
	};
}

export async function coalitionForEdit(db: Db, actor: Actor | null, id: string) {
	const { coalition, scope } = await requireCoalition(db, actor, id, 'view');
	return {
		coalition: {
			id: coalition.id,
			name: coalition.name,
			slug: coalition.slug,
			status: coalition.status
		},
		values: toFormValues(coalition),
		canEdit: canEditCoalition(actor, scope),
		canArchive: isNetworkAdmin(actor, coalition.network_id),
		options: await coalitionFormOptions(db, coalition.network_id, coalition.id),
		history: await historyOf(db, 'coalition', coalition.id)
	};
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** References must point inside the same network, and a coalition cannot have started itself. */
async function checkReferences(
	db: Db,
	networkId: string,
	input: CoalitionInput,
	selfId: string | null
): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	const inNetwork = async (table: 'place' | 'phase' | 'coalition', id: string | null) =>
		!id ||
		Boolean(
			await db
				.selectFrom(table)
				.select('id')
				.where('id', '=', id)
				.where('network_id', '=', networkId)
				.executeTakeFirst()
		);
	if (!(await inNetwork('place', input.placeId))) errors.placeId = 'not_found';
	if (!(await inNetwork('phase', input.phaseId))) errors.phaseId = 'not_found';
	if (!(await inNetwork('coalition', input.seededByCoalitionId)))
		errors.seededByCoalitionId = 'not_found';
	if (selfId && input.seededByCoalitionId === selfId) errors.seededByCoalitionId = 'seeded_by_self';
	if (input.seededByOrganizationId) {
		const org = await db
			.selectFrom('organization')
			.select('id')
			.where('id', '=', input.seededByOrganizationId)
			.executeTakeFirst();
		if (!org) errors.seededByOrganizationId = 'not_found';
	}
	if (input.slug) {
		const taken = await db
			.selectFrom('coalition')
			.select('id')
			.where('slug', '=', input.slug)
			.executeTakeFirst();
		if (taken && taken.id !== selfId) errors.slug = 'slug_taken';
	}
	return errors;
}

function columnsOf(input: CoalitionInput) {
	return {
		name: input.name,
		name_search: normalizeForSearch(input.name),
		place_id: input.placeId,
		phase_id: input.phaseId,
		phase_inferred: input.phaseInferred,
		status: input.status,
		founded_year: input.foundedYear,
		seeded_by_coalition_id: input.seededByCoalitionId,
		seeded_by_organization_id: input.seededByOrganizationId,
		description_es: input.descriptionEs,
		description_en: input.descriptionEn
	};
}

export async function createCoalition(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	if (!canCreateCoalition(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(coalitionSchema, form, COALITION_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, COALITION_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, networkId, parsed.value, null);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		const slug = parsed.value.slug ?? (await freeCoalitionSlug(trx, parsed.value.name, []));
		await trx
			.insertInto('coalition')
			.values({
				id,
				network_id: networkId,
				slug,
				...columnsOf(parsed.value),
				phase_note_es: null,
				phase_note_en: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		const created = (await findCoalition(trx, id))!;
		// Partner staff register coalitions for their organization, which then supports them.
		const orgs = isNetworkAdmin(actor, networkId) ? [] : partnerOrganizationIds(actor, networkId);
		for (const organizationId of orgs.slice(0, 1)) {
			await trx
				.insertInto('partner_role')
				.values({
					id: newId(),
					organization_id: organizationId,
					network_id: networkId,
					phase_id: null,
					coalition_id: id,
					role: 'implementation',
					note_es: null,
					note_en: null,
					created_at: now
				})
				.execute();
		}
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'coalition',
			entityId: id,
			entityLabel: created.name,
			action: 'create',
			after: auditShape(created)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateCoalition(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const { coalition } = await requireCoalition(db, actor, id, 'edit');
	const parsed = parseForm(coalitionSchema, form, COALITION_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, COALITION_FIELDS);
	if (parsed.value.version && parsed.value.version !== coalition.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, coalition.network_id, parsed.value, id);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		// Coordinators keep their coalition but do not move it to another network's structure or archive it.
		const now = nowIso();
		await trx
			.updateTable('coalition')
			.set({
				...columnsOf(parsed.value),
				slug: parsed.value.slug ?? coalition.slug,
				updated_at: now
			})
			.where('id', '=', id)
			.execute();
		const after = (await findCoalition(trx, id))!;
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'coalition',
			entityId: id,
			entityLabel: after.name,
			action: 'update',
			before: auditShape(coalition),
			after: auditShape(after)
		});
		return { status: 'ok' as const, id };
	});
}

/** Archiving hides a coalition from the public site and lists; nothing is deleted. */
export async function setCoalitionArchived(
	db: Db,
	actor: Actor | null,
	id: string,
	archived: boolean
): Promise<void> {
	const { coalition } = await requireCoalition(db, actor, id, 'edit');
	if (!isNetworkAdmin(actor, coalition.network_id)) throw new NotFoundError('coalition');
	await db.transaction().execute(async (trx) => {
		const status = archived ? 'archived' : 'active';
		await trx
			.updateTable('coalition')
			.set({ status, updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'coalition',
			entityId: id,
			entityLabel: coalition.name,
			action: archived ? 'archive' : 'restore',
			before: { status: coalition.status },
			after: { status }
		});
	});
}

/** What every page of one coalition's workspace shows at its top, and which tabs it offers. */
export async function coalitionHeader(db: Db, actor: Actor | null, id: string) {
	const { coalition, scope } = await requireCoalition(db, actor, id, 'view');
	return {
		id: coalition.id,
		name: coalition.name,
		slug: coalition.slug,
		status: coalition.status,
		canEdit: canEditCoalition(actor, scope),
		canSeePeople: canSeePersonalData(actor, scope),
		isHub: canActAsHub(actor, scope)
	};
}
