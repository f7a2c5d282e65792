import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts, baseUrl, mailer } from '$lib/server';
import { requestPasswordReset } from '$lib/server/accounts/service';

// Without e-mail there is no way to prove who is asking: an administrator issues the link instead.
export const load: PageServerLoad = async () => {
	if (!mailer) error(404, 'not_found');
	return {};
};

export const actions: Actions = {
	default: async ({ request }) => {
		if (!mailer) error(404, 'not_found');
		const email = String((await request.formData()).get('email') ?? '').slice(0, 200);
		if (!email.includes('@')) return fail(400, { errors: { email: 'email_invalid' }, email });
		await requestPasswordReset(accounts, email, { baseUrl, mailer });
		return { sent: true };
	}
};
