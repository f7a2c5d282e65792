import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { accounts } from '$lib/server';
import { acceptInvite, previewInvite } from '$lib/server/accounts/service';

export const load: PageServerLoad = async ({ params }) => {
	return { invite: await previewInvite(accounts.db, params.token) };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const result = await acceptInvite(accounts, params.token, formRecord(await request.formData()));
		if (result.status === 'ok') redirect(303, href('/app'));
		if (result.status === 'gone') return fail(410, { gone: true });
		return fail(400, { errors: result.errors, values: result.values });
	}
};
