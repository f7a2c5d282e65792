import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { attendeeFormRecord, trainingFormRecord } from '$lib/domain/schemas/training';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	addAttendee,
	removeAttendee,
	trainingForEdit,
	updateTraining
} from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => trainingForEdit(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = trainingFormRecord(await request.formData());
		const result = await orNotFound(() => updateTraining(db, locals.actor, params.id, form));
		if (result.status === 'invalid')
			return fail(400, { errors: result.errors, values: result.values });
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/trainings/${params.id}?saved=1`));
	},
	addAttendee: async ({ locals, params, request }) => {
		const data = await request.formData();
		const form = attendeeFormRecord(data);
		const result = await orNotFound(() => addAttendee(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, {
				attendeeErrors: result.errors,
				attendeeValues: { attendee: String(data.get('attendee') ?? ''), hours: result.values.hours }
			});
		}
		redirect(303, href(`/app/trainings/${params.id}?saved=1#attendees-title`));
	},
	removeAttendee: async ({ locals, params, request }) => {
		const { attendanceId = '' } = formRecord(await request.formData());
		await orNotFound(() => removeAttendee(db, locals.actor, params.id, attendanceId));
		redirect(303, href(`/app/trainings/${params.id}?saved=1#attendees-title`));
	}
};
