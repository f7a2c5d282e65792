import type { RequestHandler } from './$types';
import { locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, indicatorValuesExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { unitLabel } from '../../../../indicators/labels';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => indicatorValuesExport(db, locals.actor, params.id));
	const en = locale() === 'en';
	return exportResponse(
		params.format,
		{
			name: 'indicator-values',
			columns: [
				{ header: m.data_indicator, value: (r) => (en ? r.indicator.nameEn : r.indicator.nameEs) },
				{ header: m.export_col_unit, value: (r) => unitLabel(r.indicator.unit) },
				{ header: m.survey_value_period, value: (r) => r.period },
				{ header: m.indicator_col_value, value: (r) => r.value, kind: 'number' },
				{ header: m.survey_value_numerator, value: (r) => r.numerator, kind: 'number' },
				{ header: m.survey_value_denominator, value: (r) => r.denominator, kind: 'number' },
				{ header: m.survey_value_source, value: (r) => r.source },
				{ header: m.survey_value_notes, value: (r) => r.notes }
			],
			rows
		},
		{ title: m.indicator_tab(), day: exportDay() }
	);
};
