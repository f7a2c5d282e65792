import type { ParamMatcher } from '@sveltejs/kit';
import { EXPORT_FORMATS, type ExportFormat } from '$lib/domain/export';

/** `export.csv` and `export.xlsx` next to a list; any other extension is not a route. */
export const match = ((param: string): param is ExportFormat =>
	(EXPORT_FORMATS as readonly string[]).includes(param)) satisfies ParamMatcher;
