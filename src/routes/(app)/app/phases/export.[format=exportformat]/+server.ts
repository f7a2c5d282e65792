import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, phasesExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';
import { goalText } from '../labels';

export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() => phasesExport(db, locals.actor, networkId, url.searchParams));
	return exportResponse(
		params.format,
		{
			name: 'phases',
			columns: [
				{ header: m.phase_number, value: (r) => r.number, kind: 'number' },
				{ header: m.phase_name, value: (r) => r.nameEs },
				{ header: m.export_col_name_en, value: (r) => r.nameEn },
				{ header: m.export_col_start_year, value: (r) => r.startYear, kind: 'number' },
				{ header: m.export_col_end_year, value: (r) => r.endYear, kind: 'number' },
				{ header: m.phase_goals, value: (r) => r.goals.map(goalText).join('; ') },
				{ header: m.phase_target_places, value: (r) => r.targetPlaces.join('; ') },
				{ header: m.phase_coalitions, value: (r) => r.coalitions, kind: 'number' }
			],
			rows
		},
		{ title: m.app_nav_phases(), day: exportDay() }
	);
};
