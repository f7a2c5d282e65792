import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { createToken, listTokens, revokeToken } from '$lib/server/tokens/service';

export const load: PageServerLoad = async ({ locals, url }) => ({
	tokens: await orNotFound(() => listTokens(db, locals.actor)),
	today: todayInLima(),
	revoked: url.searchParams.has('revoked')
});

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createToken(db, locals.actor, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values, secret: null });
		}
		// The secret goes back in this one answer and is never stored or shown again.
		return { errors: null, values: null, secret: result.secret };
	},
	revoke: async ({ locals, request }) => {
		const form = formRecord(await request.formData());
		await orNotFound(() => revokeToken(db, locals.actor, form.tokenId ?? ''));
		redirect(303, href('/app/tokens?revoked=1'));
	}
};
