import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { placeForEdit, setPlaceArchived, updatePlace } from '$lib/server/places/workspace';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => placeForEdit(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updatePlace(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/places/${params.id}?saved=1`));
	},
	archive: async ({ locals, params }) => {
		const result = await orNotFound(() => setPlaceArchived(db, locals.actor, params.id, true));
		if (result.status !== 'ok') return fail(409, { archive: result });
		redirect(303, href(`/app/places/${params.id}?saved=1`));
	},
	restore: async ({ locals, params }) => {
		const result = await orNotFound(() => setPlaceArchived(db, locals.actor, params.id, false));
		if (result.status !== 'ok') return fail(409, { archive: result });
		redirect(303, href(`/app/places/${params.id}?saved=1`));
	}
};
