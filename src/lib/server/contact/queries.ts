import type { Db } from '../db';
import type { NewContactMessage } from '../db/types';

export async function insertContactMessage(db: Db, message: NewContactMessage): Promise<void> {
	await db.insertInto('contact_message').values(message).execute();
}

export async function markEmailSent(db: Db, id: string, at: string): Promise<void> {
	await db
		.updateTable('contact_message')
		.set({ email_sent_at: at, email_error: null })
		.where('id', '=', id)
		.execute();
}

export async function markEmailFailed(db: Db, id: string, error: string): Promise<void> {
	await db
		.updateTable('contact_message')
		.set({ email_error: error })
		.where('id', '=', id)
		.execute();
}

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

/** The coalitions a visitor may write to, with the district or city they are in. */
export async function listCoalitionChoices(db: Db, networkId: string) {
	return db
		.selectFrom('coalition')
		.innerJoin('place', 'place.id', 'coalition.place_id')
		.leftJoin('place as parent', 'parent.id', 'place.parent_id')
		.select([
			'coalition.slug',
			'coalition.name',
			'place.name as place_name',
			'parent.name as parent_name'
		])
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived')
		.execute();
}

export async function findCoalitionInNetwork(
	db: Db,
	networkId: string,
	slug: string
): Promise<{ id: string; name: string } | undefined> {
	return db
		.selectFrom('coalition')
		.select(['id', 'name'])
		.where('network_id', '=', networkId)
		.where('slug', '=', slug)
		.where('status', '!=', 'archived')
		.executeTakeFirst();
}

export async function findContactMessage(db: Db, id: string) {
	return db.selectFrom('contact_message').selectAll().where('id', '=', id).executeTakeFirst();
}
