import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { accounts } from '$lib/server';
import { resetLinkIsLive, resetPassword } from '$lib/server/accounts/service';

export const load: PageServerLoad = async ({ params }) => {
	return { live: await resetLinkIsLive(accounts.db, params.token) };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const result = await resetPassword(
			accounts,
			params.token,
			formRecord(await request.formData())
		);
		if (result.status === 'ok') redirect(303, href('/login') + '?reset=1');
		if (result.status === 'gone') return fail(410, { gone: true });
		return fail(400, { errors: result.errors });
	}
};
