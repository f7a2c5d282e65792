import type { Db } from '../db';

/** Published stories of a network, newest first; optionally only those about one coalition. */
export async function listPublishedStories(
	db: Db,
	networkId: string,
	options: { coalitionId?: string; limit?: number } = {}
) {
	let query = db
		.selectFrom('story')
		.leftJoin('coalition', 'coalition.id', 'story.coalition_id')
		.select([
			'story.id',
			'story.slug',
			'story.title_es',
			'story.title_en',
			'story.summary_es',
			'story.summary_en',
			'story.published_at',
			'coalition.slug as coalition_slug',
			'coalition.name as coalition_name'
		])
		.where('story.network_id', '=', networkId)
		.where('story.status', '=', 'published')
		.orderBy('story.published_at', 'desc')
		.orderBy('story.slug');
	if (options.coalitionId) query = query.where('story.coalition_id', '=', options.coalitionId);
	if (options.limit) query = query.limit(options.limit);
	return query.execute();
}

export async function findPublishedStory(db: Db, slug: string) {
	return db
		.selectFrom('story')
		.leftJoin('coalition', 'coalition.id', 'story.coalition_id')
		.selectAll('story')
		.select(['coalition.slug as coalition_slug', 'coalition.name as coalition_name'])
		.where('story.slug', '=', slug)
		.where('story.status', '=', 'published')
		.executeTakeFirst();
}
