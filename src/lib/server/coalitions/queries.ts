import type { Db } from '../db';
import { containsText, toBool } from '../db/dialect';
import type { CoalitionRow, NewCoalition } from '../db/types';
import type { CoalitionStatus } from '$lib/domain/network';

export type Coalition = Omit<CoalitionRow, 'phase_inferred' | 'status'> & {
	phase_inferred: boolean;
	status: CoalitionStatus;
};

export function mapCoalition(row: CoalitionRow): Coalition {
	return {
		...row,
		status: row.status as CoalitionStatus,
		phase_inferred: toBool(row.phase_inferred)
	};
}

export async function listCoalitions(db: Db, networkId: string): Promise<Coalition[]> {
	const rows = await db
		.selectFrom('coalition')
		.selectAll()
		.where('network_id', '=', networkId)
		.orderBy('name')
		.execute();
	return rows.map(mapCoalition);
}

export async function findCoalitionBySlug(db: Db, slug: string): Promise<Coalition | undefined> {
	const row = await db
		.selectFrom('coalition')
		.selectAll()
		.where('slug', '=', slug)
		.executeTakeFirst();
	return row && mapCoalition(row);
}

export async function slugsTaken(db: Db, candidates: string[]): Promise<Set<string>> {
	if (candidates.length === 0) return new Set();
	const rows = await db
		.selectFrom('coalition')
		.select('slug')
		.where('slug', 'in', candidates)
		.execute();
	return new Set(rows.map((r) => r.slug));
}

export async function insertCoalition(db: Db, coalition: NewCoalition): Promise<void> {
	await db.insertInto('coalition').values(coalition).execute();
}

/** Coalitions whose name contains the term, ignoring accents and case on both databases. */
export async function searchCoalitions(
	db: Db,
	networkId: string,
	normalizedTerm: string,
	limit = 50
): Promise<Coalition[]> {
	const rows = await db
		.selectFrom('coalition')
		.selectAll()
		.where('network_id', '=', networkId)
		.where((eb) => containsText(eb.ref('name_search'), normalizedTerm))
		.orderBy('name')
		.limit(limit)
		.execute();
	return rows.map(mapCoalition);
}
