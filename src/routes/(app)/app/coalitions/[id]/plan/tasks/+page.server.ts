import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createTask, listTasks } from '$lib/server/planning/tasks';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		plan: await orNotFound(() => listTasks(db, locals.actor, params.id, todayInLima())),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createTask(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/plan/tasks?saved=1#task-${result.id}`));
	}
};
