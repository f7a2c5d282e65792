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
