import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { activityFormRecord } from '$lib/domain/schemas/planning';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listActivities, logActivity, newActivityForm } from '$lib/server/planning/activities';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { coalitionHeader } = await parent();
	const today = todayInLima();
	return {
		list: await orNotFound(() =>
			listActivities(db, locals.actor, params.id, Number(url.searchParams.get('page') ?? 1))
		),
		newActivity: coalitionHeader.canEdit
			? await orNotFound(() => newActivityForm(db, locals.actor, params.id, today))
			: null,
		today,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	// The same action takes a normal submit and a draft the browser kept while offline (sent by
	// static/activity-drafts.js); the service records a draft id once, however often it arrives.
	log: async ({ locals, params, request }) => {
		const form = activityFormRecord(await request.formData());
		const result = await orNotFound(() => logActivity(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/activities?saved=1`));
	}
};
