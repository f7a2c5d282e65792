/**
 * The core measures as counts: for each indicator and each cell (total, grade, sex, grade × sex),
 * how many respondents count toward the measure (numerator) out of how many answered the item
 * validly (denominator). Percentages are derived at the end and never added or averaged: pooled
 * figures add numerators and denominators.
 */
import {
	GRADES,
	ITEMS,
	SEXES,
	inNumerator,
	type Grade,
	type IndicatorCode,
	type Sex
} from './columns';
import type { Respondent } from './mapping';

export interface Counts {
	numerator: number;
	denominator: number;
}

/** 'all', 'grade:1S', 'sex:F' or 'grade:1S|sex:F' — the names stored in indicator_value.cell. */
export type CellKey = string;

/** Indicator → cell → counts. Cells where nobody answered the item are absent. */
export type MeasureCounts = Partial<Record<IndicatorCode, Record<CellKey, Counts>>>;

export function cellKey(grade: Grade | null, sex: Sex | null): CellKey {
	if (grade && sex) return `grade:${grade}|sex:${sex}`;
	if (grade) return `grade:${grade}`;
	if (sex) return `sex:${sex}`;
	return 'all';
}

export function parseCellKey(key: string): { grade: Grade | null; sex: Sex | null } | null {
	if (key === 'all') return { grade: null, sex: null };
	let grade: Grade | null = null;
	let sex: Sex | null = null;
	for (const part of key.split('|')) {
		const [kind, value] = part.split(':');
		if (kind === 'grade' && GRADES.includes(value as Grade) && !grade) grade = value as Grade;
		else if (kind === 'sex' && SEXES.includes(value as Sex) && !sex) sex = value as Sex;
		else return null;
	}
	return cellKey(grade, sex) === key ? { grade, sex } : null;
}

/** Every cell key, in display order: total, grades, sexes, then grade × sex. */
export const CELL_KEYS: readonly CellKey[] = [
	'all',
	...GRADES.map((g) => cellKey(g, null)),
	...SEXES.map((s) => cellKey(null, s)),
	...GRADES.flatMap((g) => SEXES.map((s) => cellKey(g, s)))
];

const CELL_INDEX = new Map(CELL_KEYS.map((k, i) => [k, i]));
const GRADE_CELL = GRADES.map((g) => CELL_INDEX.get(cellKey(g, null))!);
const SEX_CELL = SEXES.map((s) => CELL_INDEX.get(cellKey(null, s))!);
const GRADE_SEX_CELL = GRADES.map((g) => SEXES.map((s) => CELL_INDEX.get(cellKey(g, s))!));

/** Counts every respondent once per item they answered validly, in the four cells they belong to. */
export function computeCounts(respondents: readonly Respondent[]): MeasureCounts {
	const cells = CELL_KEYS.length;
	// Flat arrays: item × cell. Fast enough for 100,000 respondents without allocation per row.
	const num = new Float64Array(ITEMS.length * cells);
	const den = new Float64Array(ITEMS.length * cells);
	const gradeIndex = new Map(GRADES.map((g, i) => [g, i]));
	const sexIndex = new Map(SEXES.map((s, i) => [s, i]));
	const targets = [0, 0, 0, 0];
	for (const r of respondents) {
		const g = gradeIndex.get(r.grade)!;
		const s = r.sex === null ? undefined : sexIndex.get(r.sex);
		targets[0] = 0;
		targets[1] = GRADE_CELL[g];
		let n = 2;
		if (s !== undefined) {
			targets[2] = SEX_CELL[s];
			targets[3] = GRADE_SEX_CELL[g][s];
			n = 4;
		}
		for (let k = 0; k < ITEMS.length; k++) {
			const answer = r.answers[k];
			if (answer === null || answer === undefined) continue;
			const yes = inNumerator(ITEMS[k].measure, answer) ? 1 : 0;
			const base = k * cells;
			for (let t = 0; t < n; t++) {
				den[base + targets[t]]++;
				num[base + targets[t]] += yes;
			}
		}
	}
	const out: MeasureCounts = {};
	ITEMS.forEach((item, k) => {
		const byCell: Record<CellKey, Counts> = {};
		CELL_KEYS.forEach((key, c) => {
			const d = den[k * cells + c];
			if (d > 0) byCell[key] = { numerator: num[k * cells + c], denominator: d };
		});
		out[item.indicator] = byCell;
	});
	return out;
}

/** Network and regional figures: numerators and denominators added cell by cell. */
export function poolCells(list: readonly MeasureCounts[]): MeasureCounts {
	const out: MeasureCounts = {};
	for (const counts of list) {
		for (const [code, cells] of Object.entries(counts) as [
			IndicatorCode,
			Record<string, Counts>
		][]) {
			const into = (out[code] ??= {});
			for (const [key, c] of Object.entries(cells)) {
				const sum = (into[key] ??= { numerator: 0, denominator: 0 });
				sum.numerator += c.numerator;
				sum.denominator += c.denominator;
			}
		}
	}
	return out;
}

/** The share in percent, or null when nobody answered. */
export function percent(c: Counts | null | undefined): number | null {
	if (!c || c.denominator <= 0) return null;
	return (100 * c.numerator) / c.denominator;
}
