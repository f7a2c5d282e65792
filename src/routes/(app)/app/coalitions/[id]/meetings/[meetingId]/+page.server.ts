import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { todayInLima } from '$lib/domain/meetings';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { deleteMeeting, meetingForEdit, updateMeeting } from '$lib/server/meetings/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => meetingForEdit(db, locals.actor, params.id, params.meetingId)),
		today: todayInLima(),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const data = await request.formData();
		// The ticked members arrive as repeated `attendees` fields; formRecord would keep only one.
		const form = { ...formRecord(data), attendees: data.getAll('attendees') };
		const result = await orNotFound(() =>
			updateMeeting(db, locals.actor, params.id, params.meetingId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}/meetings/${params.meetingId}?saved=1`));
	},
	delete: async ({ locals, params, request }) => {
		const data = await request.formData();
		if (data.get('confirm') !== 'on') return fail(400, { confirmError: 'required' });
		await orNotFound(() => deleteMeeting(db, locals.actor, params.id, params.meetingId));
		redirect(303, href(`/app/coalitions/${params.id}/meetings?deleted=1`));
	}
};
