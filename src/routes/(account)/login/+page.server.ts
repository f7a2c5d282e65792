import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { accounts, mailer } from '$lib/server';
import { hasUsers, signIn } from '$lib/server/accounts/service';

/** Only same-site paths: a crafted ?next= must not send anyone elsewhere after signing in. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : href('/app');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		noUsers: !(await hasUsers(accounts.db)),
		canResetByEmail: mailer !== null,
		reset: url.searchParams.has('reset')
	};
};

export const actions: Actions = {
	default: async ({ request, getClientAddress, url }) => {
		const result = await signIn(accounts, formRecord(await request.formData()), getClientAddress());
		if (result.status === 'ok') redirect(303, safeNext(url.searchParams.get('next')));
		switch (result.status) {
			case 'invalid':
				return fail(400, { errors: result.errors, values: result.values });
			case 'wrong_credentials':
				return fail(400, { problem: 'wrong_credentials', values: result.values });
			case 'rate_limited':
				return fail(429, { problem: 'rate_limited', values: result.values });
			case 'deactivated':
				return fail(403, { problem: 'deactivated', values: result.values });
		}
	}
};
