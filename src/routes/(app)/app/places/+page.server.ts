import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listPlacesFor } from '$lib/server/places/workspace';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		q: p.get('q') ?? '',
		kind: p.get('kind') ?? '',
		within: p.get('within') ?? '',
		status: p.get('status') ?? '',
		sort: p.get('sort') ?? 'name',
		page: Number(p.get('page') ?? 1)
	};
	const list = await orNotFound(() => listPlacesFor(db, locals.actor, workspace.id, query));
	return { list, query };
};
