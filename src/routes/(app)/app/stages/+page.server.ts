import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { networkStages } from '$lib/server/stage/service';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const filters = {
		regionId: url.searchParams.get('region') ?? '',
		phaseId: url.searchParams.get('phase') ?? ''
	};
	return { stages: await orNotFound(() => networkStages(db, locals.actor, workspace.id, filters)) };
};
