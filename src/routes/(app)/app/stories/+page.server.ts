import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { storyReviewQueue } from '$lib/server/planning/stories';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	return { queue: await orNotFound(() => storyReviewQueue(db, locals.actor, workspace.id)) };
};
