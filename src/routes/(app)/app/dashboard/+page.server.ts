import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { networkDashboard } from '$lib/server/dashboard/service';
import { orNotFound } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	return {
		dashboard: await orNotFound(() =>
			networkDashboard(
				db,
				locals.actor,
				workspace.id,
				{ phase: p.get('phase'), region: p.get('region'), partner: p.get('partner') },
				{ locale: locale(), noPhaseLabel: m.dash_no_phase() }
			)
		)
	};
};
