import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { taskForEdit, updateTask } from '$lib/server/planning/tasks';
import type { Actor } from '$lib/domain/access';

/** The task, if the actor may see it and it belongs to the coalition in the address. */
async function taskHere(actor: Actor | null, params: { id: string; taskId: string }) {
	const task = await orNotFound(() => taskForEdit(db, actor, params.taskId));
	if (task.coalitionId !== params.id) error(404, 'not_found');
	return task;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	return { task: await taskHere(locals.actor, params) };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		await taskHere(locals.actor, params);
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updateTask(db, locals.actor, params.taskId, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}/plan/tasks?saved=1#task-${params.taskId}`));
	}
};
