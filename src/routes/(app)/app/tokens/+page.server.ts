import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createToken, listTokens, revokeToken } from '$lib/server/tokens/service';

/**
 * The new secret crosses one redirect in a short-lived cookie, so reloading the page shows the
 * list instead of posting the form again (which would make a second token).
 */
const FLASH = 'minka_new_token';

export const load: PageServerLoad = async ({ locals, url, cookies, setHeaders }) => {
	const secret = cookies.get(FLASH) ?? null;
	if (secret) cookies.delete(FLASH, { path: '/' });
	// The page may hold a secret: no cache, not even the back button's, may keep a copy.
	setHeaders({ 'cache-control': 'no-store' });
	return {
		tokens: await orNotFound(() => listTokens(db, locals.actor)),
		secret,
		revoked: url.searchParams.has('revoked')
	};
};

export const actions: Actions = {
	create: async ({ locals, request, cookies, url }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createToken(db, locals.actor, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		cookies.set(FLASH, result.secret, {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: 120
		});
		redirect(303, href('/app/tokens'));
	},
	revoke: async ({ locals, request }) => {
		const form = formRecord(await request.formData());
		await orNotFound(() => revokeToken(db, locals.actor, form.tokenId ?? ''));
		redirect(303, href('/app/tokens?revoked=1'));
	}
};
