import type { RequestHandler } from './$types';
import { templateCsv } from '$lib/domain/survey/columns';

export const GET: RequestHandler = () => {
	// A byte-order mark so Excel on Windows opens the file as UTF-8.
	return new Response('\uFEFF' + templateCsv(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="plantilla-encuesta-minka.csv"'
		}
	});
};
