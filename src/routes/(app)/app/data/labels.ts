import type { Grade, IndicatorCode, Measure, Substance } from '$lib/domain/survey/columns';
import { parseIndicatorCode } from '$lib/domain/survey/columns';
import { m } from '$lib/paraglide/messages';

const messages = m as unknown as Record<string, ((inputs?: object) => string) | undefined>;

/** A message picked by a stored key; an unknown key shows itself rather than breaking the page. */
function keyed(prefix: string, key: string): string {
	return messages[`${prefix}${key}`]?.() ?? key;
}

export const measureLabel = (measure: Measure | string) => keyed('measure_', measure);
export const substanceLabel = (substance: Substance | string) => keyed('substance_', substance);
export const gradeLabel = (grade: Grade | string) => keyed('grade_', grade.toLowerCase());
export const problemLabel = (code: string) => keyed('survey_problem_', code);

export function indicatorLabel(code: IndicatorCode | string): string {
	const parsed = parseIndicatorCode(code);
	return parsed ? `${measureLabel(parsed.measure)}: ${substanceLabel(parsed.substance)}` : code;
}

const BCP47 = { es: 'es-PE', en: 'en-US' } as const;

/** A percentage as the tables show it: whole numbers, since the counts are beside it. */
export function formatPercent(value: number, locale: 'es' | 'en'): string {
	return `${new Intl.NumberFormat(BCP47[locale], { maximumFractionDigits: 0 }).format(value)} %`;
}

/**
 * A change in percentage points with its sign always written: "+3", "−2" (a true minus sign, which
 * screen readers announce as "minus"), "0".
 */
export function formatPoints(value: number, locale: 'es' | 'en'): string {
	const rounded = Math.round(value);
	const digits = new Intl.NumberFormat(BCP47[locale]).format(Math.abs(rounded));
	return rounded > 0 ? `+${digits}` : rounded < 0 ? `−${digits}` : digits;
}

export function formatCount(value: number, locale: 'es' | 'en'): string {
	return new Intl.NumberFormat(BCP47[locale]).format(value);
}
