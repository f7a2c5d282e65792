import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	addMembership,
	endMembership,
	erasePerson,
	memberForEdit,
	recordConsent,
	updateMember
} from '$lib/server/members/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => memberForEdit(db, locals.actor, params.id, params.personId)),
		saved: url.searchParams.get('saved'),
		erased: url.searchParams.has('erased')
	};
};

// Each action answers with its own keys, so one form's errors never land in another.
export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			updateMember(db, locals.actor, params.id, params.personId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}/members/${params.personId}?saved=1`));
	},
	consent: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			recordConsent(db, locals.actor, params.id, params.personId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { consentErrors: result.errors, consentValues: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/members/${params.personId}?saved=consent`));
	},
	end: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			endMembership(db, locals.actor, params.id, params.personId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { endErrors: result.errors, endValues: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/members/${params.personId}?saved=1`));
	},
	join: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			addMembership(db, locals.actor, params.id, params.personId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { joinErrors: result.errors, joinValues: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/members/${params.personId}?saved=1`));
	},
	erase: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		if (form.confirm !== 'on') return fail(400, { eraseErrors: { confirm: 'required' } });
		await orNotFound(() => erasePerson(db, locals.actor, params.personId));
		redirect(303, href(`/app/coalitions/${params.id}/members/${params.personId}?erased=1`));
	}
};
