import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { MEASURES, SUBSTANCES, type Measure, type Substance } from '$lib/domain/survey/columns';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { surveySettings } from '$lib/server/surveys/queries';
import { networkMeasures, updateSurveySettings } from '$lib/server/surveys/service';
import { workspaceNetworkId } from '$lib/server/workspace/request';

const YEAR = /^\d{4}$/;

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const by = url.searchParams.get('by') === 'region' ? 'region' : 'coalition';
	const measure = (MEASURES as readonly string[]).includes(url.searchParams.get('measure') ?? '')
		? (url.searchParams.get('measure') as Measure)
		: MEASURES[0];
	const substance = (SUBSTANCES as readonly string[]).includes(
		url.searchParams.get('substance') ?? ''
	)
		? (url.searchParams.get('substance') as Substance)
		: SUBSTANCES[0];
	const wanted = url.searchParams.get('period') ?? '';
	const first = YEAR.test(wanted) ? wanted : String(new Date().getFullYear());
	let view = await orNotFound(() => networkMeasures(db, locals.actor, workspace.id, first, { by }));
	// A year without data (or none asked for) shows the latest year that has some.
	const latest = view.periods.at(-1);
	if (!view.periods.includes(view.period) && latest) {
		view = await orNotFound(() => networkMeasures(db, locals.actor, workspace.id, latest, { by }));
	}
	return {
		view: view.periods.includes(view.period) ? view : null,
		periods: view.periods,
		by,
		measure,
		substance,
		// Only administrators change (and so need to see) the network's privacy settings.
		settings: workspace.isAdmin ? await surveySettings(db, workspace.id) : null,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	settings: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			updateSurveySettings(db, locals.actor, networkId, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { errors: result.errors, values: result.values });
		}
		redirect(303, href('/app/data?saved=1#settings-title'));
	}
};
