import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, indicatorsExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';
import { unitLabel } from '../labels';

export const GET: RequestHandler = async ({ locals, params, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() => indicatorsExport(db, locals.actor, networkId));
	return exportResponse(
		params.format,
		{
			name: 'indicators',
			columns: [
				{ header: m.export_col_code, value: (r) => r.code },
				{ header: m.export_col_name, value: (r) => r.nameEs },
				{ header: m.export_col_name_en, value: (r) => r.nameEn },
				{ header: m.export_col_unit, value: (r) => unitLabel(r.unit) },
				{ header: m.survey_value_numerator, value: (r) => r.numeratorEs },
				{ header: m.survey_value_denominator, value: (r) => r.denominatorEs },
				{ header: m.survey_value_source, value: (r) => r.source }
			],
			rows
		},
		{ title: m.survey_indicators_title(), day: exportDay() }
	);
};
