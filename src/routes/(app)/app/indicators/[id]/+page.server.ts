import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { historyOf } from '$lib/server/audit/service';
import { orNotFound } from '$lib/server/http/errors';
import { listIndicators, updateIndicator } from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { workspace } = await parent();
	const list = await orNotFound(() => listIndicators(db, locals.actor, workspace.id));
	const indicator = list.indicators.find((i) => i.id === params.id);
	if (!indicator) error(404);
	const custom = indicator.kind === 'custom';
	return {
		indicator,
		canEdit: custom && list.canEdit,
		values: {
			nameEs: indicator.nameEs,
			nameEn: indicator.nameEn ?? '',
			unit: indicator.unit,
			numeratorEs: indicator.numeratorEs ?? '',
			numeratorEn: indicator.numeratorEn ?? '',
			denominatorEs: indicator.denominatorEs ?? '',
			denominatorEn: indicator.denominatorEn ?? '',
			source: indicator.source ?? '',
			version: indicator.updatedAt
		},
		// The trail of a network's own indicator; core ones are not edited here.
		history: custom && list.canEdit ? await historyOf(db, 'indicator', indicator.id) : [],
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updateIndicator(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/indicators/${params.id}?saved=1`));
	}
};
