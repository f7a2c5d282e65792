import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { todayInLima } from '$lib/domain/dates';
import { db } from '$lib/server';
import { reportForm } from '$lib/server/dashboard/service';
import { orNotFound } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	const today = todayInLima();
	return {
		form: await orNotFound(() => reportForm(db, locals.actor, workspace.id, locale())),
		// The last full calendar year is what most funders ask for.
		values: {
			from: `${Number(today.slice(0, 4)) - 1}-01-01`,
			to: `${Number(today.slice(0, 4)) - 1}-12-31`,
			scope: 'network',
			phase: '',
			partner: '',
			coalition: ''
		},
		lang: locale()
	};
};
