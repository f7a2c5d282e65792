import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listPartnersFor } from '$lib/server/partners/workspace';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		q: p.get('q') ?? '',
		kind: p.get('kind') ?? '',
		role: p.get('role') ?? '',
		sort: p.get('sort') ?? 'name',
		page: Number(p.get('page') ?? 1)
	};
	const list = await orNotFound(() => listPartnersFor(db, locals.actor, workspace.id, query));
	return { list, query, left: p.has('left') };
};
