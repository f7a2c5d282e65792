import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	addItem,
	approveModel,
	removeItem,
	renameModel,
	updateItem
} from '$lib/server/planning/logic-model';
import { modelHere } from './model';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		plan: await modelHere(locals.actor, params),
		notice: url.searchParams.get('done')
	};
};

/**
 * Each failure names its form (`add-<parent>-<kind>`, `edit-<item>`, `remove-<item>`, `approve`,
 * `rename`) so only that form opens with its errors and what was typed.
 */
export const actions: Actions = {
	add: async ({ locals, params, request }) => {
		await modelHere(locals.actor, params);
		const form = formRecord(await request.formData());
		const key = `add-${form.parentId || 'top'}-${form.kind ?? ''}`;
		const result = await orNotFound(() => addItem(db, locals.actor, params.modelId, form));
		if (result.status === 'invalid') {
			return fail(400, { form: key, errors: result.errors, values: result.values });
		}
		redirect(303, done(params, 'added', result.id));
	},
	edit: async ({ locals, params, request }) => {
		await modelHere(locals.actor, params);
		const form = formRecord(await request.formData());
		const itemId = form.itemId ?? '';
		const key = `edit-${itemId}`;
		const result = await orNotFound(() => updateItem(db, locals.actor, itemId, form));
		if (result.status === 'invalid') {
			return fail(400, { form: key, errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') {
			return fail(409, { form: key, stale: true, errors: {}, values: result.values });
		}
		redirect(303, done(params, 'saved', itemId));
	},
	remove: async ({ locals, params, request }) => {
		await modelHere(locals.actor, params);
		const itemId = formRecord(await request.formData()).itemId ?? '';
		const result = await orNotFound(() => removeItem(db, locals.actor, itemId));
		if (result.status === 'refused') {
			return fail(400, { form: `remove-${itemId}`, refused: result.code });
		}
		redirect(303, done(params, 'removed'));
	},
	approve: async ({ locals, params }) => {
		await modelHere(locals.actor, params);
		const result = await orNotFound(() =>
			approveModel(db, locals.actor, params.modelId, todayInLima())
		);
		if (result.status === 'refused') return fail(400, { form: 'approve', refused: result.code });
		redirect(303, done(params, 'approved'));
	},
	rename: async ({ locals, params, request }) => {
		await modelHere(locals.actor, params);
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => renameModel(db, locals.actor, params.modelId, form));
		if (result.status === 'invalid') {
			return fail(400, { form: 'rename', errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') {
			return fail(409, { form: 'rename', stale: true, errors: {}, values: result.values });
		}
		redirect(303, done(params, 'saved'));
	}
};

function done(params: { id: string; modelId: string }, what: string, itemId?: string) {
	const anchor = itemId ? `#item-${itemId}` : '';
	return href(`/app/coalitions/${params.id}/plan/${params.modelId}?done=${what}${anchor}`);
}
