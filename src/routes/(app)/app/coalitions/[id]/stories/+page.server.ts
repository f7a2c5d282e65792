import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createStory, listCoalitionStories } from '$lib/server/planning/stories';

export const load: PageServerLoad = async ({ locals, params }) => {
	return { list: await orNotFound(() => listCoalitionStories(db, locals.actor, params.id)) };
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createStory(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/stories/${result.id}?done=saved`));
	}
};
