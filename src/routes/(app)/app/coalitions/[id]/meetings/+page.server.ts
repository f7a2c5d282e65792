import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { todayInLima } from '$lib/domain/meetings';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	attendanceReport,
	createMeeting,
	listMeetings,
	newMeetingForm
} from '$lib/server/meetings/service';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { coalitionHeader } = await parent();
	const p = url.searchParams;
	return {
		list: await orNotFound(() =>
			listMeetings(db, locals.actor, params.id, { page: Number(p.get('page') ?? 1) })
		),
		report: await orNotFound(() =>
			attendanceReport(db, locals.actor, params.id, {
				from: p.get('from'),
				to: p.get('to'),
				kind: p.get('kind')
			})
		),
		newMeeting: coalitionHeader.canEdit
			? await orNotFound(() => newMeetingForm(db, locals.actor, params.id))
			: null,
		today: todayInLima(),
		saved: p.has('saved'),
		deleted: p.has('deleted')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const data = await request.formData();
		// The ticked members arrive as repeated `attendees` fields; formRecord would keep only one.
		const form = { ...formRecord(data), attendees: data.getAll('attendees') };
		const result = await orNotFound(() => createMeeting(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/meetings?saved=1`));
	}
};
