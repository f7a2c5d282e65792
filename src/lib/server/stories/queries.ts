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

/** A published story's photos in their order; the public sees the picture and its words only. */
export async function publishedStoryPhotos(db: Db, storyId: string) {
	return db
		.selectFrom('story_photo')
		.select(['id', 'width', 'height', 'alt_es', 'alt_en', 'caption_es', 'caption_en'])
		.where('story_id', '=', storyId)
		.orderBy('sort_order')
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}
