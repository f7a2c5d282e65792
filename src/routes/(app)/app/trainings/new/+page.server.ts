import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { canManageTrainings } from '$lib/domain/access';
import { trainingFormRecord } from '$lib/domain/schemas/training';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createTraining, trainingFormOptions } from '$lib/server/trainings/service';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	if (!canManageTrainings(locals.actor, workspace.id)) error(404, 'not_found');
	return { options: await trainingFormOptions(db, workspace.id) };
};

export const actions: Actions = {
	save: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = trainingFormRecord(await request.formData());
		const result = await orNotFound(() => createTraining(db, locals.actor, networkId, form));
		if (result.status === 'invalid')
			return fail(400, { errors: result.errors, values: result.values });
		redirect(303, href(`/app/trainings/${result.id}?saved=1`));
	}
};
