import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { networkSectorCoverage } from '$lib/server/members/service';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const query = {
		regionId: url.searchParams.get('region') ?? '',
		sort: url.searchParams.get('sort') ?? 'name'
	};
	return {
		coverage: await orNotFound(() => networkSectorCoverage(db, locals.actor, workspace.id, query))
	};
};
