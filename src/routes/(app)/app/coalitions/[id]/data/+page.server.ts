import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { deleteSurveyUpload, measuresFor, measureTrends } from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const trends = await orNotFound(() => measureTrends(db, locals.actor, params.id));
	const wanted = url.searchParams.get('period') ?? '';
	// Only years with data are offered; anything else falls back to the latest one.
	const period = trends.periods.includes(wanted) ? wanted : (trends.periods.at(-1) ?? null);
	const measures = period
		? await orNotFound(() => measuresFor(db, locals.actor, params.id, period))
		: null;
	return {
		period,
		trends,
		measures,
		saved: url.searchParams.has('saved'),
		deleted: url.searchParams.has('deleted')
	};
};

export const actions: Actions = {
	delete: async ({ locals, params, request }) => {
		const form = await request.formData();
		const uploadId = String(form.get('uploadId') ?? '');
		if (form.get('confirm') !== 'yes') return fail(400, { unconfirmed: uploadId });
		await orNotFound(() => deleteSurveyUpload(db, locals.actor, uploadId));
		redirect(303, href(`/app/coalitions/${params.id}/data?deleted=1`));
	}
};
