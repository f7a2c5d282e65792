import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server';
import { coalitionHeader } from '$lib/server/coalitions/workspace';
import { orNotFound } from '$lib/server/http/errors';

export const load: LayoutServerLoad = async ({ locals, params }) => {
	return { coalitionHeader: await orNotFound(() => coalitionHeader(db, locals.actor, params.id)) };
};
