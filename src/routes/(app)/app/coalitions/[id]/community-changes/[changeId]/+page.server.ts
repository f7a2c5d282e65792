import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import type { Actor } from '$lib/domain/access';
import { orNotFound } from '$lib/server/http/errors';
import { changeForEdit, updateChange } from '$lib/server/planning/changes';

/** The change, only under its own coalition's address. */
async function changeHere(actor: Actor | null, params: { id: string; changeId: string }) {
	const change = await orNotFound(() => changeForEdit(db, actor, params.changeId));
	if (change.coalition.id !== params.id) error(404, 'not_found');
	return change;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const change = await changeHere(locals.actor, params);
	if (!change.canEdit) error(404, 'not_found');
	return { change, today: todayInLima() };
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		await changeHere(locals.actor, params);
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updateChange(db, locals.actor, params.changeId, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}/community-changes?updated=1`));
	}
};
