import type { Db } from '../db';

// One row per attempt (table rate_event), so every app instance counts the same attempts.

export async function countRateEventsSince(db: Db, key: string, sinceIso: string): Promise<number> {
	const row = await db
		.selectFrom('rate_event')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('key', '=', key)
		.where('created_at', '>', sinceIso)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertRateEvent(
	db: Db,
	event: { id: string; key: string; created_at: string }
) {
	await db.insertInto('rate_event').values(event).execute();
}

/**
 * Forgets the events of one kind older than the window: they count for nothing. `keyPrefix` is a
 * constant such as `contact:`, without LIKE wildcards.
 */
export async function deleteRateEventsBefore(
	db: Db,
	keyPrefix: string,
	beforeIso: string
): Promise<void> {
	await db
		.deleteFrom('rate_event')
		.where('key', 'like', keyPrefix + '%')
		.where('created_at', '<', beforeIso)
		.execute();
}
