import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, networkMeasuresExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';
import { measureColumns } from '../export-columns';

/** By coalition or by region, suppressed exactly as the page shows them to this reader. */
export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() =>
		networkMeasuresExport(db, locals.actor, networkId, url.searchParams)
	);
	return exportResponse(
		params.format,
		{
			name: 'survey-measures',
			columns: [
				{ header: m.export_col_group, value: (r) => r.group ?? m.survey_network_total() },
				...measureColumns<(typeof rows)[number]>()
			],
			rows
		},
		{ title: m.data_title(), day: exportDay() }
	);
};
