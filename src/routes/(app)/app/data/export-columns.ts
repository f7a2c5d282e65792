import type { Grade, Sex } from '$lib/domain/survey/columns';
import { m } from '$lib/paraglide/messages';
import { yesNo } from '$lib/server/export/cells';
import type { Column } from '$lib/server/export/table';
import { gradeLabel, indicatorLabel } from './labels';

interface MeasureRow {
	period: string;
	indicator: string;
	grade: Grade | null;
	sex: Sex | null;
	numerator: number | null;
	denominator: number | null;
	percent: number | null;
	suppressed: boolean;
}

function sexText(sex: Sex | null): string {
	if (sex === 'F') return m.survey_sex_f();
	if (sex === 'M') return m.survey_sex_m();
	return m.survey_total();
}

/** The columns of a survey-measures download, one cell (grade × sex) per row. */
export function measureColumns<T extends MeasureRow>(): Column<T>[] {
	return [
		{ header: m.export_col_period, value: (r) => r.period },
		{ header: m.data_indicator, value: (r) => indicatorLabel(r.indicator) },
		{ header: m.export_col_grade, value: (r) => (r.grade ? gradeLabel(r.grade) : m.survey_total()) },
		{ header: m.export_col_sex, value: (r) => sexText(r.sex) },
		{ header: m.survey_value_numerator, value: (r) => r.numerator, kind: 'number' },
		{ header: m.survey_value_denominator, value: (r) => r.denominator, kind: 'number' },
		{
			header: m.export_col_percent,
			value: (r) => (r.percent === null ? null : Math.round(r.percent * 10) / 10),
			kind: 'number'
		},
		{ header: m.export_col_suppressed, value: (r) => yesNo(r.suppressed) }
	];
}
