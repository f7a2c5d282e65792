import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { canEditStructure } from '$lib/domain/access';
import { phaseFormRecord } from '$lib/domain/schemas/phase';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createPhase, nextPhaseNumber, phaseFormOptions } from '$lib/server/phases/workspace';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	if (!canEditStructure(locals.actor, workspace.id)) error(404, 'not_found');
	return {
		options: await phaseFormOptions(db, workspace.id),
		next: await nextPhaseNumber(db, workspace.id)
	};
};

export const actions: Actions = {
	save: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = phaseFormRecord(await request.formData());
		const result = await orNotFound(() => createPhase(db, locals.actor, networkId, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/phases/${result.id}?saved=1`));
	}
};
