import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { overview } from '$lib/server/workspace/service';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	return { overview: await orNotFound(() => overview(db, locals.actor, workspace.id)) };
};
