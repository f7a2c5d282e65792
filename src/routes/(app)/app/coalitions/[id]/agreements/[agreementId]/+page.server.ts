import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { todayInLima } from '$lib/domain/meetings';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { agreementForEdit, updateAgreement } from '$lib/server/agreements/service';
import { orNotFound } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() =>
			agreementForEdit(db, locals.actor, params.id, params.agreementId)
		),
		today: todayInLima(),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			updateAgreement(db, locals.actor, params.id, params.agreementId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/coalitions/${params.id}/agreements/${params.agreementId}?saved=1`));
	}
};
