import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { listCoalitionsFor } from '$lib/server/coalitions/workspace';
import { orNotFound } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		q: p.get('q') ?? '',
		status: p.get('status') ?? '',
		phaseId: p.get('phase') ?? '',
		regionId: p.get('region') ?? '',
		sort: p.get('sort') ?? 'name',
		page: Number(p.get('page') ?? 1)
	};
	const list = await orNotFound(() => listCoalitionsFor(db, locals.actor, workspace.id, query));
	return { list, query };
};
