import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { changeSeries, listChanges, recordChange } from '$lib/server/planning/changes';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const today = todayInLima();
	return {
		list: await orNotFound(() => listChanges(db, locals.actor, params.id)),
		series: await orNotFound(() =>
			changeSeries(db, locals.actor, { coalitionId: params.id }, { today, minMonths: 12 })
		),
		today,
		saved: url.searchParams.has('saved'),
		updated: url.searchParams.has('updated')
	};
};

export const actions: Actions = {
	record: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => recordChange(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/community-changes?saved=1`));
	}
};
