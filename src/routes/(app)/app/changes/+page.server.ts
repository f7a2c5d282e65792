import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { changeLog } from '$lib/server/audit/service';
import { orNotFound } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	return await orNotFound(() =>
		changeLog(db, locals.actor, workspace.id, Number(url.searchParams.get('page')))
	);
};
