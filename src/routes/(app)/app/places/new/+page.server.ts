import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { canEditStructure } from '$lib/domain/access';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createPlace, placeFormOptions } from '$lib/server/places/workspace';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	if (!canEditStructure(locals.actor, workspace.id)) error(404, 'not_found');
	// "New place inside this one", from a place's page.
	const parentId = url.searchParams.get('parent') ?? '';
	return { options: await placeFormOptions(db, workspace.id), parentId };
};

export const actions: Actions = {
	save: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createPlace(db, locals.actor, networkId, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/places/${result.id}?saved=1`));
	}
};
