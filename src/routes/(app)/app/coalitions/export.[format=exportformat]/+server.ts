import type { RequestHandler } from './$types';
import { statusLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { dayOf } from '$lib/server/export/cells';
import { coalitionsExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() =>
		coalitionsExport(db, locals.actor, networkId, url.searchParams)
	);
	return exportResponse(
		params.format,
		{
			name: 'coalitions',
			columns: [
				{ header: m.coalition_name, value: (r) => r.name },
				{ header: m.coalition_place, value: (r) => r.place },
				{ header: m.coalition_phase, value: (r) => r.phase_number, kind: 'number' },
				{ header: m.coalition_status, value: (r) => statusLabel(r.status) },
				{ header: m.coalition_founded, value: (r) => r.founded_year, kind: 'number' },
				{ header: m.export_col_updated, value: (r) => dayOf(r.updated_at), kind: 'date' }
			],
			rows
		},
		{ title: m.app_nav_coalitions(), day: exportDay() }
	);
};
