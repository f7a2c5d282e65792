import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { coalitionMeasuresExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { measureColumns } from '../../../../data/export-columns';

/** Small groups are suppressed exactly as the page shows them to this reader. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const rows = await orNotFound(() =>
		coalitionMeasuresExport(db, locals.actor, params.id, url.searchParams)
	);
	return exportResponse(
		params.format,
		{ name: 'survey-measures', columns: measureColumns(), rows },
		{ title: m.data_title(), day: exportDay() }
	);
};
