import type { RequestHandler } from './$types';
import { placeKindLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { yesNo } from '$lib/server/export/cells';
import { exportDay, placesExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() => placesExport(db, locals.actor, networkId, url.searchParams));
	return exportResponse(
		params.format,
		{
			name: 'places',
			columns: [
				{ header: m.place_name, value: (r) => r.name },
				{ header: m.export_col_name_en, value: (r) => r.nameEn },
				{ header: m.place_kind, value: (r) => placeKindLabel(r.kind) },
				{ header: m.place_parent, value: (r) => r.path },
				{ header: m.export_col_ubigeo, value: (r) => r.ubigeo },
				{ header: m.place_coalitions, value: (r) => r.coalitions, kind: 'number' },
				{ header: m.export_col_archived, value: (r) => yesNo(r.archived) }
			],
			rows
		},
		{ title: m.app_nav_places(), day: exportDay() }
	);
};
