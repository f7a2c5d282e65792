import type { PageServerLoad } from './$types';
import { todayInLima } from '$lib/domain/dates';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { changeSeries } from '$lib/server/planning/changes';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	return {
		series: await orNotFound(() =>
			changeSeries(
				db,
				locals.actor,
				{ networkId: workspace.id },
				{ today: todayInLima(), minMonths: 12 }
			)
		)
	};
};
