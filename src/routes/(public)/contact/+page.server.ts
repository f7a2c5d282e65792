import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { href, locale } from '$lib/i18n';
import { accounts, db, mailer } from '$lib/server';
import { contactFormOptions, submitContact } from '$lib/server/contact/service';

export const load: PageServerLoad = async ({ url }) => {
	const options = await contactFormOptions(db, locale());
	// Coalition profiles link here with ?coalition=<slug>; an unknown slug preselects nothing.
	const wanted = url.searchParams.get('coalition') ?? '';
	const preselected = options.coalitions.some((c) => c.slug === wanted) ? wanted : '';
	return { options, preselected, sent: url.searchParams.get('sent') === '1' };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const form: Record<string, string> = {};
		for (const [key, value] of data) if (typeof value === 'string') form[key] = value;
		const result = await submitContact(
			db,
			{
				form,
				clientAddress: event.getClientAddress(),
				locale: locale(),
				hashKey: accounts.secret
			},
			mailer
		);
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'rate_limited') {
			return fail(429, { rateLimited: true, values: result.values });
		}
		// A redirect, so that reloading the thank-you page does not post the message again.
		redirect(303, href('/contact') + '?sent=1');
	}
};
