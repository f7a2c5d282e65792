/**
 * The place tree as administrators edit it and every role in the network reads it. A place in
 * another network is reported exactly like one that does not exist.
 */
import { canEditStructure, canEnterNetwork, type Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { PLACE_KINDS, type PlaceKind } from '$lib/domain/network';
import { placePath, wouldCreateCycle, type PlaceNode } from '$lib/domain/places';
import { PLACE_FIELDS, placeSchema, type PlaceInput } from '$lib/domain/schemas/place';
import { normalizeForSearch } from '$lib/domain/text';
import { sql } from 'kysely';
import { historyOf, recordAudit } from '../audit/service';
import type { Db } from '../db';
import { containsText } from '../db/dialect';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { aliasesText } from '../seed/service';
import { mapPlace, type Place } from './queries';

export const PAGE_SIZE = 25;

async function findPlace(db: Db, id: string): Promise<Place | undefined> {
	const row = await db.selectFrom('place').selectAll().where('id', '=', id).executeTakeFirst();
	return row && mapPlace(row);
}

/** The place if the actor may see it (or edit it, with `edit`), else NotFoundError. */
export async function requirePlace(
	db: Db,
	actor: Actor | null,
	id: string,
	mode: 'view' | 'edit'
): Promise<Place> {
	const place = await findPlace(db, id);
	if (!place) throw new NotFoundError('place');
	const allowed =
		mode === 'edit'
			? canEditStructure(actor, place.network_id)
			: canEnterNetwork(actor, place.network_id);
	if (!allowed) throw new NotFoundError('place');
	return place;
}

/** Archived places too: an archived place still sits somewhere in the tree. */
async function allPlaces(db: Db, networkId: string): Promise<Place[]> {
	const rows = await db
		.selectFrom('place')
		.selectAll()
		.where('network_id', '=', networkId)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
	return rows.map(mapPlace);
}

function nodesById(places: Place[]): Map<string, PlaceNode> {
	return new Map(
		places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
	);
}

/** "Región Andina y Oriente › Huánuco › Tingo María": how a place is told apart from its namesakes. */
function pathLabel(id: string, byId: Map<string, PlaceNode>, includeSelf = true): string {
	const path = placePath(id, byId);
	return (includeSelf ? path : path.slice(0, -1)).map((p) => p.name).join(' › ');
}

function descendantIds(rootId: string, byId: Map<string, PlaceNode>): Set<string> {
	const ids = new Set<string>();
	for (const id of byId.keys()) {
		if (id !== rootId && placePath(id, byId).some((a) => a.id === rootId)) ids.add(id);
	}
	return ids;
}

export const PLACE_SORTS = ['name', '-name', 'kind'] as const;
export type PlaceSort = (typeof PLACE_SORTS)[number];

export interface PlaceListQuery {
	q?: string;
	kind?: string;
	/** only places below this one (a region, a city…) */
	within?: string;
	/** '' lists the current places, 'archived' the archived ones */
	status?: string;
	sort?: string;
	page?: number;
}

export async function listPlacesFor(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: PlaceListQuery
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const places = await allPlaces(db, networkId);
	const byId = nodesById(places);
	const inside = query.within && byId.has(query.within) ? descendantIds(query.within, byId) : null;
	const sort = PLACE_SORTS.includes(query.sort as PlaceSort) ? (query.sort as PlaceSort) : 'name';
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);
	const term = normalizeForSearch(query.q ?? '').slice(0, 100);
	const archived = query.status === 'archived';

	let base = db.selectFrom('place').where('place.network_id', '=', networkId);
	base = base.where('place.archived_at', archived ? 'is not' : 'is', null);
	if (term) {
		base = base.where((eb) =>
			eb.or([
				containsText(eb.ref('place.name_search'), term),
				containsText(eb.ref('place.aliases'), term)
			])
		);
	}
	if (PLACE_KINDS.includes(query.kind as PlaceKind))
		base = base.where('place.kind', '=', query.kind!);
	if (inside) base = base.where('place.id', 'in', inside.size ? [...inside] : ['']);

	const total = Number(
		(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
	);
	// Kinds sort from the largest area to the smallest, not alphabetically.
	const kindOrder = sql<number>`case ${sql.ref('place.kind')} ${sql.join(
		PLACE_KINDS.map((k, i) => sql`when ${k} then ${sql.lit(i)}`),
		sql` `
	)} end`;
	let ordered = base.select([
		'place.id',
		'place.name',
		'place.name_en',
		'place.kind',
		'place.ubigeo',
		'place.archived_at'
	]);
	if (sort === 'kind') ordered = ordered.orderBy(kindOrder, 'asc');
	const rows = await ordered
		.orderBy('place.name_search', sort === '-name' ? 'desc' : 'asc')
		.orderBy('place.id')
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.execute();
	// A city's coalitions work in its districts and communities: count the whole subtree.
	const perPlace = await db
		.selectFrom('coalition')
		.select(['place_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('network_id', '=', networkId)
		.where('status', '!=', 'archived')
		.groupBy('place_id')
		.execute();
	const coalitionsWithin = (id: string) =>
		perPlace
			.filter((c) => byId.has(c.place_id) && placePath(c.place_id, byId).some((a) => a.id === id))
			.reduce((sum, c) => sum + Number(c.n), 0);
	return {
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			nameEn: r.name_en,
			kind: r.kind as PlaceKind,
			ubigeo: r.ubigeo,
			archived: r.archived_at !== null,
			coalitions: coalitionsWithin(r.id),
			path: pathLabel(r.id, byId, false)
		})),
		total,
		page,
		pageSize: PAGE_SIZE,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		sort,
		canCreate: canEditStructure(actor, networkId),
		// Only places that contain others are worth filtering by.
		within: places
			.filter((p) => p.archived_at === null && places.some((c) => c.parent_id === p.id))
			.map((p) => ({ value: p.id, label: pathLabel(p.id, byId) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'es'))
	};
}

/** The parents a place may take: any current place of the network except itself and below. */
export async function placeFormOptions(db: Db, networkId: string, selfId?: string) {
	const places = await allPlaces(db, networkId);
	const byId = nodesById(places);
	const below = selfId ? descendantIds(selfId, byId) : new Set<string>();
	return {
		parents: places
			.filter((p) => p.archived_at === null && p.id !== selfId && !below.has(p.id))
			.map((p) => ({ value: p.id, label: pathLabel(p.id, byId) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'es'))
	};
}

function toFormValues(p: Place): Record<string, string> {
	return {
		name: p.name,
		nameEn: p.name_en ?? '',
		kind: p.kind,
		parentId: p.parent_id ?? '',
		ubigeo: p.ubigeo ?? '',
		latitude: p.latitude === null ? '' : String(p.latitude),
		longitude: p.longitude === null ? '' : String(p.longitude),
		coordsApproximate: p.coords_approximate ? 'on' : '',
		aliases: p.aliases.split('|').filter(Boolean).join(', '),
		note: p.note ?? '',
		version: p.updated_at
	};
}

/** What the audit trail keeps of a place: its editable fields. */
function auditShape(p: Place) {
	return {
		name: p.name,
		nameEn: p.name_en,
		kind: p.kind,
		parentId: p.parent_id,
		ubigeo: p.ubigeo,
		latitude: p.latitude,
		longitude: p.longitude,
		coordsApproximate: p.coords_approximate,
		aliases: p.aliases.split('|').filter(Boolean).join(', '),
		note: p.note
	};
}

/** What still hangs on a place: archiving waits until these are moved or archived. */
async function placeUsage(db: Db, id: string) {
	const coalitions = await db
		.selectFrom('coalition')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('place_id', '=', id)
		.where('status', '!=', 'archived')
		.executeTakeFirstOrThrow();
	const children = await db
		.selectFrom('place')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('parent_id', '=', id)
		.where('archived_at', 'is', null)
		.executeTakeFirstOrThrow();
	return { coalitions: Number(coalitions.n), children: Number(children.n) };
}

export async function placeForEdit(db: Db, actor: Actor | null, id: string) {
	const place = await requirePlace(db, actor, id, 'view');
	const byId = nodesById(await allPlaces(db, place.network_id));
	const history = await historyOf(db, 'place', place.id);
	// The trail stores parent ids; a person reads the parents' paths (whatever became of them).
	const parentLabels: Record<string, string> = {};
	for (const change of history.flatMap((h) => h.changes)) {
		if (change.field !== 'parentId') continue;
		for (const v of [change.before, change.after]) {
			if (typeof v === 'string' && byId.has(v)) parentLabels[v] = pathLabel(v, byId);
		}
	}
	return {
		place: {
			id: place.id,
			name: place.name,
			kind: place.kind,
			archived: place.archived_at !== null,
			path: pathLabel(place.id, byId, false)
		},
		values: toFormValues(place),
		canEdit: canEditStructure(actor, place.network_id),
		usage: await placeUsage(db, place.id),
		options: await placeFormOptions(db, place.network_id, place.id),
		history,
		historyLabels: { parentId: parentLabels }
	};
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** The parent must be a current place of the same network, and not the place itself or below it. */
async function checkReferences(
	db: Db,
	networkId: string,
	input: PlaceInput,
	selfId: string | null
): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	if (!input.parentId) return errors;
	const places = await allPlaces(db, networkId);
	const parent = places.find((p) => p.id === input.parentId);
	if (!parent || parent.archived_at !== null) errors.parentId = 'not_found';
	else if (selfId && wouldCreateCycle(selfId, input.parentId, nodesById(places))) {
		errors.parentId = 'parent_cycle';
	}
	return errors;
}

function columnsOf(input: PlaceInput) {
	return {
		name: input.name,
		name_en: input.nameEn,
		kind: input.kind,
		parent_id: input.parentId,
		ubigeo: input.ubigeo,
		latitude: input.latitude,
		longitude: input.longitude,
		coords_approximate: input.coordsApproximate,
		aliases: aliasesText(input.aliases),
		name_search: normalizeForSearch(`${input.name} ${input.nameEn ?? ''}`),
		note: input.note
	};
}

export async function createPlace(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	if (!canEditStructure(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(placeSchema, form, PLACE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PLACE_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, networkId, parsed.value, null);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		// A new place goes after its siblings rather than among them.
		const last = await trx
			.selectFrom('place')
			.select((eb) => eb.fn.max('sort_order').as('n'))
			.where('network_id', '=', networkId)
			.where((eb) =>
				parsed.value.parentId
					? eb('parent_id', '=', parsed.value.parentId)
					: eb('parent_id', 'is', null)
			)
			.executeTakeFirst();
		await trx
			.insertInto('place')
			.values({
				id,
				network_id: networkId,
				...columnsOf(parsed.value),
				sort_order: last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1,
				archived_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		const created = (await findPlace(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'place',
			entityId: id,
			entityLabel: created.name,
			action: 'create',
			after: auditShape(created)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updatePlace(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const place = await requirePlace(db, actor, id, 'edit');
	const parsed = parseForm(placeSchema, form, PLACE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PLACE_FIELDS);
	const seen = parsed.value.version || place.updated_at;
	if (seen !== place.updated_at) return { status: 'stale', values };
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, place.network_id, parsed.value, id);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		// The version is checked again by the write itself, so a save that raced another loses.
		const written = await trx
			.updateTable('place')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', id)
			.where('updated_at', '=', seen)
			.executeTakeFirst();
		if (Number(written.numUpdatedRows) === 0) return { status: 'stale' as const, values };
		const after = (await findPlace(trx, id))!;
		await recordAudit(trx, actor, {
			networkId: place.network_id,
			entityType: 'place',
			entityId: id,
			entityLabel: after.name,
			action: 'update',
			before: auditShape(place),
			after: auditShape(after)
		});
		return { status: 'ok' as const, id };
	});
}

export type ArchiveResult =
	| { status: 'ok' }
	| { status: 'has_coalitions'; count: number }
	| { status: 'has_children'; count: number }
	| { status: 'parent_archived' };

/**
 * Archiving hides a place from forms and lists; nothing is deleted. A place that still holds
 * current coalitions or places stays, or they would hang from a place nobody can pick.
 */
export async function setPlaceArchived(
	db: Db,
	actor: Actor | null,
	id: string,
	archived: boolean
): Promise<ArchiveResult> {
	const place = await requirePlace(db, actor, id, 'edit');
	return db.transaction().execute(async (trx): Promise<ArchiveResult> => {
		const current = (await findPlace(trx, id))!;
		if ((current.archived_at !== null) === archived) return { status: 'ok' };
		if (archived) {
			const usage = await placeUsage(trx, id);
			if (usage.coalitions) return { status: 'has_coalitions', count: usage.coalitions };
			if (usage.children) return { status: 'has_children', count: usage.children };
		} else if (current.parent_id) {
			const parent = await findPlace(trx, current.parent_id);
			if (parent?.archived_at) return { status: 'parent_archived' };
		}
		const now = nowIso();
		const archivedAt = archived ? now : null;
		await trx
			.updateTable('place')
			.set({ archived_at: archivedAt, updated_at: now })
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, actor, {
			networkId: place.network_id,
			entityType: 'place',
			entityId: id,
			entityLabel: current.name,
			action: archived ? 'archive' : 'restore',
			before: { archivedAt: current.archived_at },
			after: { archivedAt }
		});
		return { status: 'ok' };
	});
}
