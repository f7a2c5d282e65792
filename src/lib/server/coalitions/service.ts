import { coalitionSlugCandidates } from '$lib/domain/coalitions';
import type { Db } from '../db';
import { slugsTaken } from './queries';

/** The first free slug for a coalition; see coalitionSlugCandidates for the order tried. */
export async function freeCoalitionSlug(db: Db, name: string, placeNames: string[]): Promise<string> {
	const candidates = coalitionSlugCandidates(name, placeNames);
	const taken = await slugsTaken(db, candidates);
	const free = candidates.find((s) => !taken.has(s));
	if (!free) throw new Error(`No free slug for coalition "${name}"`);
	return free;
}
