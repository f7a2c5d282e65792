import type { Db } from '../db';
import { toBool } from '../db/dialect';
import type { NewPlace, PlaceRow } from '../db/types';
import type { PlaceKind } from '$lib/domain/network';

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
