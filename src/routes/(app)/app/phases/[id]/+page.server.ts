import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { phaseFormRecord } from '$lib/domain/schemas/phase';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { deletePhase, phaseForEdit, updatePhase } from '$lib/server/phases/workspace';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => phaseForEdit(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = phaseFormRecord(await request.formData());
		const result = await orNotFound(() => updatePhase(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/phases/${params.id}?saved=1`));
	},
	delete: async ({ locals, params, request }) => {
		const data = await request.formData();
		if (data.get('confirm') !== 'on') return fail(400, { confirmError: 'required' });
		const result = await orNotFound(() => deletePhase(db, locals.actor, params.id));
		if (result.status === 'in_use') return fail(409, { inUse: result });
		redirect(303, href('/app/phases?deleted=1'));
	}
};
