/**
 * The youth survey's vocabulary: the four core measures for four substances, the grades surveyed
 * in Peru (6° de primaria to 5° de secundaria) and the columns of the downloadable template. Keys
 * are stable (they name stored values and template columns); labels live in messages/.
 */

export const SUBSTANCES = ['alcohol', 'tobacco', 'marijuana', 'rx'] as const;
export type Substance = (typeof SUBSTANCES)[number];

export const MEASURES = [
	'past30_use',
	'perceived_risk',
	'parental_disapproval',
	'peer_disapproval'
] as const;
export type Measure = (typeof MEASURES)[number];

/** 6P is 6° de primaria; 1S-5S are 1° to 5° de secundaria. */
export const GRADES = ['6P', '1S', '2S', '3S', '4S', '5S'] as const;
export type Grade = (typeof GRADES)[number];

/** Sex as the template records it; a blank answer is allowed and kept out of the sex cells. */
export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

export type IndicatorCode = `${Measure}.${Substance}`;

/** The column suffix each measure's item has in the template. */
const ITEM_SUFFIX: Record<Measure, string> = {
	past30_use: 'days_30',
	perceived_risk: 'risk',
	parental_disapproval: 'parent_wrong',
	peer_disapproval: 'peer_wrong'
};

export type ItemColumn = `${Substance}_${'days_30' | 'risk' | 'parent_wrong' | 'peer_wrong'}`;

export interface SurveyItem {
	column: ItemColumn;
	measure: Measure;
	substance: Substance;
	indicator: IndicatorCode;
}

export function indicatorCode(measure: Measure, substance: Substance): IndicatorCode {
	return `${measure}.${substance}`;
}

/** The 16 answer columns, in template order: the four items of each substance together. */
export const ITEMS: readonly SurveyItem[] = SUBSTANCES.flatMap((substance) =>
	MEASURES.map((measure) => ({
		column: `${substance}_${ITEM_SUFFIX[measure]}` as ItemColumn,
		measure,
		substance,
		indicator: indicatorCode(measure, substance)
	}))
);

/** The 16 core indicators, measure by measure (the order tables show them in). */
export const INDICATOR_CODES: readonly IndicatorCode[] = MEASURES.flatMap((m) =>
	SUBSTANCES.map((s) => indicatorCode(m, s))
);

export function parseIndicatorCode(
	code: string
): { measure: Measure; substance: Substance } | null {
	const [measure, substance] = code.split('.');
	if (!MEASURES.includes(measure as Measure) || !SUBSTANCES.includes(substance as Substance)) {
		return null;
	}
	return { measure: measure as Measure, substance: substance as Substance };
}

export const TEMPLATE_COLUMNS = ['grade', 'sex', 'age', ...ITEMS.map((i) => i.column)] as const;
export type TemplateColumn = 'grade' | 'sex' | 'age' | ItemColumn;

/**
 * A file must have these (or say, in the mapping step, that an item was not asked). Sex and age
 * are optional: without them the sex cells are simply empty.
 */
export const REQUIRED_COLUMNS: readonly TemplateColumn[] = ['grade', ...ITEMS.map((i) => i.column)];

/** The valid answers of each measure's item. */
export const ANSWER_RANGE: Record<Measure, { min: number; max: number }> = {
	past30_use: { min: 0, max: 30 },
	perceived_risk: { min: 1, max: 4 },
	parental_disapproval: { min: 1, max: 4 },
	peer_disapproval: { min: 1, max: 4 }
};

/**
 * Whether a valid answer counts toward the measure: any use in the past 30 days; moderate (3) or
 * great (4) risk; parents or friends would feel it is wrong (2) or very wrong (1).
 */
export function inNumerator(measure: Measure, answer: number): boolean {
	switch (measure) {
		case 'past30_use':
			return answer >= 1;
		case 'perceived_risk':
			return answer >= 3;
		case 'parental_disapproval':
		case 'peer_disapproval':
			return answer <= 2;
	}
}

/** The template as a CSV file: the header and two made-up example rows to overwrite. */
export function templateCsv(): string {
	const examples: Record<TemplateColumn, string>[] = [
		{ grade: '1S', sex: 'F', age: '12' } as Record<TemplateColumn, string>,
		{ grade: '4S', sex: 'M', age: '15' } as Record<TemplateColumn, string>
	];
	for (const item of ITEMS) {
		const first =
			item.measure === 'past30_use' ? '0' : item.measure === 'perceived_risk' ? '4' : '1';
		const second =
			item.measure === 'past30_use' ? '2' : item.measure === 'perceived_risk' ? '3' : '2';
		examples[0][item.column] = first;
		examples[1][item.column] = second;
	}
	const lines = [
		TEMPLATE_COLUMNS.join(','),
		...examples.map((row) => TEMPLATE_COLUMNS.map((c) => row[c]).join(','))
	];
	return lines.join('\r\n') + '\r\n';
}
