import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import {
	coalitionForEdit,
	setCoalitionArchived,
	updateCoalition
} from '$lib/server/coalitions/workspace';
import { orNotFound } from '$lib/server/http/errors';
import { agreementsSummary } from '$lib/server/agreements/service';
import { assistanceSummary } from '$lib/server/assistance/service';
import { meetingsSummary } from '$lib/server/meetings/service';
import { membersSummary } from '$lib/server/members/service';
import { planningSummary } from '$lib/server/planning/summary';
import { stageSummary } from '$lib/server/stage/service';
import { surveySummary } from '$lib/server/surveys/service';
import { trainingSummary } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const record = await orNotFound(() => coalitionForEdit(db, locals.actor, params.id));
	const [members, meetings, agreements, stage, assistance, trainings, survey, planning] =
		await Promise.all([
			membersSummary(db, locals.actor, params.id),
			meetingsSummary(db, locals.actor, params.id),
			agreementsSummary(db, locals.actor, params.id),
			stageSummary(db, locals.actor, params.id),
			assistanceSummary(db, locals.actor, params.id),
			trainingSummary(db, locals.actor, params.id),
			surveySummary(db, locals.actor, params.id),
			planningSummary(db, locals.actor, params.id, todayInLima())
		]);
	return {
		record,
		glance: { members, meetings, agreements, stage, assistance, trainings, survey, planning },
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updateCoalition(db, locals.actor, params.id, form));
		if (result.status === 'invalid')
			return fail(400, { errors: result.errors, values: result.values });
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}?saved=1`));
	},
	archive: async ({ locals, params }) => {
		await orNotFound(() => setCoalitionArchived(db, locals.actor, params.id, true));
		redirect(303, href(`/app/coalitions/${params.id}?saved=1`));
	},
	restore: async ({ locals, params }) => {
		await orNotFound(() => setCoalitionArchived(db, locals.actor, params.id, false));
		redirect(303, href(`/app/coalitions/${params.id}?saved=1`));
	}
};
