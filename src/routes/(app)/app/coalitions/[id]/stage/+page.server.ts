import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { coalitionStage, setSpfStage, updateProduct } from '$lib/server/stage/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		stage: await orNotFound(() => coalitionStage(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

/** Failures name their form ('stage' or the product key) so only that form shows its errors. */
export const actions: Actions = {
	stage: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => setSpfStage(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { form: 'stage', errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/stage?saved=1`));
	},
	product: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const product = form.product ?? '';
		const result = await orNotFound(() =>
			updateProduct(db, locals.actor, params.id, product, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { form: product, errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') {
			return fail(409, { form: product, stale: true, errors: {}, values: result.values });
		}
		redirect(303, href(`/app/coalitions/${params.id}/stage?saved=1#${product}`));
	}
};
