import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { todayInLima } from '$lib/domain/members';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { addMember, listMembers } from '$lib/server/members/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const includeEnded = url.searchParams.get('ended') === '1';
	return {
		list: await orNotFound(() => listMembers(db, locals.actor, params.id, { includeEnded })),
		today: todayInLima(),
		added: url.searchParams.has('added')
	};
};

export const actions: Actions = {
	add: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => addMember(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/members?added=1`));
	}
};
