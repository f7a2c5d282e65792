import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createModelVersion, listModels } from '$lib/server/planning/logic-model';
import { planningSummary } from '$lib/server/planning/summary';

export const load: PageServerLoad = async ({ locals, params }) => {
	const today = todayInLima();
	const [plan, summary] = await orNotFound(() =>
		Promise.all([
			listModels(db, locals.actor, params.id),
			planningSummary(db, locals.actor, params.id, today)
		])
	);
	return { plan, summary, year: today.slice(0, 4) };
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createModelVersion(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/plan/${result.id}?created=1`));
	}
};
