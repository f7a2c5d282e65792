import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { coalitionIndicators, recordValue, setTarget } from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		...(await orNotFound(() => coalitionIndicators(db, locals.actor, params.id))),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	value: async ({ locals, params, request }) => {
		// The coalition comes from the address, never from the form: a value is only ever this one's.
		const form = { ...formRecord(await request.formData()), coalitionId: params.id, placeId: '' };
		const result = await orNotFound(() => recordValue(db, locals.actor, form));
		if (result.status === 'invalid') {
			return fail(400, { which: 'value', errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/indicators?saved=value`));
	},
	target: async ({ locals, params, request }) => {
		const form = { ...formRecord(await request.formData()), coalitionId: params.id };
		const result = await orNotFound(() => setTarget(db, locals.actor, form));
		if (result.status === 'invalid') {
			return fail(400, { which: 'target', errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/indicators?saved=target`));
	}
};
