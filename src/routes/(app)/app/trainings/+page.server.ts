import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listTrainings } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		q: p.get('q') ?? '',
		kind: p.get('kind') ?? '',
		year: p.get('year') ?? '',
		page: Number(p.get('page') ?? 1)
	};
	return {
		list: await orNotFound(() => listTrainings(db, locals.actor, workspace.id, query)),
		query
	};
};
