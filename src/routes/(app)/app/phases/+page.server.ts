import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listPhasesFor } from '$lib/server/phases/workspace';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		q: p.get('q') ?? '',
		year: p.get('year') ?? '',
		sort: p.get('sort') ?? 'number',
		page: Number(p.get('page') ?? 1)
	};
	const list = await orNotFound(() => listPhasesFor(db, locals.actor, workspace.id, query));
	return { list, query, deleted: p.has('deleted') };
};
