import type { IndicatorUnit } from '$lib/domain/schemas/indicator';
import { m } from '$lib/paraglide/messages';

const UNIT_LABELS: Record<IndicatorUnit, () => string> = {
	percent: m.survey_unit_percent,
	count: m.survey_unit_count,
	rate: m.survey_unit_rate
};

export const unitLabel = (unit: string) => UNIT_LABELS[unit as IndicatorUnit]?.() ?? unit;

export function indicatorFieldLabels(): Record<string, string> {
	return {
		nameEs: m.survey_indicator_name_es(),
		nameEn: m.survey_indicator_name_en(),
		unit: m.survey_indicator_unit(),
		numeratorEs: m.survey_indicator_numerator_es(),
		numeratorEn: m.survey_indicator_numerator_en(),
		denominatorEs: m.survey_indicator_denominator_es(),
		denominatorEn: m.survey_indicator_denominator_en(),
		source: m.survey_indicator_source()
	};
}

export function valueFieldLabels(): Record<string, string> {
	return {
		indicatorId: m.indicator_col_name(),
		coalitionId: m.indicator_col_name(),
		period: m.survey_value_period(),
		numerator: m.survey_value_numerator(),
		denominator: m.survey_value_denominator(),
		source: m.survey_value_source(),
		notes: m.survey_value_notes()
	};
}

export function targetFieldLabels(): Record<string, string> {
	return {
		indicatorId: m.indicator_col_name(),
		baselineValue: m.survey_target_baseline(),
		baselinePeriod: m.survey_target_baseline_period(),
		targetValue: m.survey_target_value(),
		targetPeriod: m.survey_target_period()
	};
}

const BCP47 = { es: 'es-PE', en: 'en-US' } as const;

/** A value in its unit: percentages with the same " %" the survey tables use. */
export function formatValue(value: number | null, unit: string, locale: 'es' | 'en'): string {
	if (value === null) return '—';
	const n = new Intl.NumberFormat(BCP47[locale], {
		maximumFractionDigits: unit === 'count' ? 0 : 1
	});
	return unit === 'percent' ? `${n.format(value)} %` : n.format(value);
}
