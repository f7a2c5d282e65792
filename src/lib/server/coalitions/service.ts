import { coalitionSlugCandidates } from '$lib/domain/coalitions';
import type { Db } from '../db';
import { normalizeForSearch } from '$lib/domain/text';
import { searchCoalitions, slugsTaken } from './queries';

/** The first free slug for a coalition; see coalitionSlugCandidates for the order tried. */
export async function freeCoalitionSlug(
	db: Db,
	name: string,
	placeNames: string[]
): Promise<string> {
	const candidates = coalitionSlugCandidates(name, placeNames);
	const taken = await slugsTaken(db, candidates);
	const free = candidates.find((s) => !taken.has(s));
	if (!free) throw new Error(`No free slug for coalition "${name}"`);
	return free;
}

/** Search by name as a person types it: "mariategui" finds "José Carlos Mariátegui". */
export async function findCoalitionsByName(db: Db, networkId: string, term: string) {
	const normalized = normalizeForSearch(term);
	if (!normalized) return [];
	return searchCoalitions(db, networkId, normalized);
}
