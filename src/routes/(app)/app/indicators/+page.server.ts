import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createIndicator, listIndicators } from '$lib/server/surveys/service';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const list = await orNotFound(() => listIndicators(db, locals.actor, workspace.id));
	return { ...list, created: url.searchParams.has('created') };
};

export const actions: Actions = {
	create: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createIndicator(db, locals.actor, networkId, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href('/app/indicators?created=1#custom-title'));
	}
};
