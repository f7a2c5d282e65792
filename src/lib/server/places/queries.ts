import type { Db } from '../db';
import { toBool } from '../db/dialect';
import type { NewPlace, PlaceRow } from '../db/types';
import type { PlaceKind } from '$lib/domain/network';
import type { PlaceNode } from '$lib/domain/places';

export type Place = Omit<PlaceRow, 'coords_approximate' | 'kind'> & {
	kind: PlaceKind;
	coords_approximate: boolean;
};

export function mapPlace(row: PlaceRow): Place {
	return {
		...row,
		kind: row.kind as PlaceKind,
		coords_approximate: toBool(row.coords_approximate)
	};
}

export async function listPlaces(db: Db, networkId: string): Promise<Place[]> {
	const rows = await db
		.selectFrom('place')
		.selectAll()
		.where('network_id', '=', networkId)
		.where('archived_at', 'is', null)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
	return rows.map(mapPlace);
}

export async function insertPlace(db: Db, place: NewPlace): Promise<void> {
	await db.insertInto('place').values(place).execute();
}

/**
 * The places asked for and every place above them (archived ones left out, as listPlaces does),
 * for the paths of one page of rows without reading a network's whole tree: one query per level.
 */
export async function placesWithAncestors(
	db: Db,
	networkId: string,
	ids: string[]
): Promise<Map<string, PlaceNode>> {
	const byId = new Map<string, PlaceNode>();
	let wanted = [...new Set(ids)];
	while (wanted.length > 0) {
		const rows = await db
			.selectFrom('place')
			.select(['id', 'parent_id', 'kind', 'name'])
			.where('network_id', '=', networkId)
			.where('archived_at', 'is', null)
			.where('id', 'in', wanted)
			.execute();
		for (const r of rows)
			byId.set(r.id, { id: r.id, parentId: r.parent_id, kind: r.kind as PlaceKind, name: r.name });
		wanted = [
			...new Set(
				rows.map((r) => r.parent_id).filter((p): p is string => p !== null && !byId.has(p))
			)
		];
	}
	return byId;
}

/** A place and every place below it (archived ones and what hangs from them left out). */
export async function placeAndDescendantIds(
	db: Db,
	networkId: string,
	rootId: string
): Promise<string[]> {
	const found = new Set<string>();
	let level = (
		await db
			.selectFrom('place')
			.select('id')
			.where('network_id', '=', networkId)
			.where('archived_at', 'is', null)
			.where('id', '=', rootId)
			.execute()
	).map((r) => r.id);
	while (level.length > 0) {
		for (const id of level) found.add(id);
		const next: string[] = [];
		for (let i = 0; i < level.length; i += 1000) {
			const rows = await db
				.selectFrom('place')
				.select('id')
				.where('network_id', '=', networkId)
				.where('archived_at', 'is', null)
				.where('parent_id', 'in', level.slice(i, i + 1000))
				.execute();
			for (const r of rows) if (!found.has(r.id)) next.push(r.id);
		}
		level = next;
	}
	return [...found];
}

/** The top of a network's tree, in the order listPlaces gives. */
export async function topPlaces(db: Db, networkId: string) {
	return db
		.selectFrom('place')
		.select(['id', 'name'])
		.where('network_id', '=', networkId)
		.where('archived_at', 'is', null)
		.where('parent_id', 'is', null)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
}
