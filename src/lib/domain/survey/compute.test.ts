import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_RANGE, GRADES, INDICATOR_CODES, ITEMS, type IndicatorCode } from './columns';
import { CELL_KEYS, cellKey, computeCounts, parseCellKey, percent, poolCells } from './compute';
import { applyMapping, type Respondent } from './mapping';
import { readSurveyFile } from './parse';

function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(
		readFileSync(new URL(`../../../../tests/fixtures/survey/${name}`, import.meta.url))
	);
}

function countsOf(bytes: Uint8Array, name: string) {
	const read = readSurveyFile(bytes, name);
	if (!read.ok) throw new Error(read.code);
	return computeCounts(applyMapping(read.table).respondents);
}

const c = (numerator: number, denominator: number) => ({ numerator, denominator });

/** Every indicator's total: numerator over the same denominator (nobody skipped an item). */
function totals(counts: ReturnType<typeof computeCounts>) {
	return Object.fromEntries(INDICATOR_CODES.map((code) => [code, counts[code]?.all]));
}

/**
 * clean.csv, counted by hand row by row: 30 students, 12 in 1° (6 girls, 6 boys), 12 in 3°
 * (6 and 6) and 6 in 5° de secundaria (3 and 3); every item answered.
 */
const CLEAN_ALCOHOL: Partial<
	Record<IndicatorCode, Record<string, { numerator: number; denominator: number }>>
> = {
	'past30_use.alcohol': {
		all: c(12, 30),
		'grade:1S': c(4, 12),
		'grade:3S': c(5, 12),
		'grade:5S': c(3, 6),
		'sex:F': c(7, 15),
		'sex:M': c(5, 15),
		'grade:1S|sex:F': c(2, 6),
		'grade:1S|sex:M': c(2, 6),
		'grade:3S|sex:F': c(3, 6),
		'grade:3S|sex:M': c(2, 6),
		'grade:5S|sex:F': c(2, 3),
		'grade:5S|sex:M': c(1, 3)
	},
	'perceived_risk.alcohol': {
		all: c(19, 30),
		'grade:1S': c(8, 12),
		'grade:3S': c(8, 12),
		'grade:5S': c(3, 6),
		'sex:F': c(9, 15),
		'sex:M': c(10, 15),
		'grade:1S|sex:F': c(4, 6),
		'grade:1S|sex:M': c(4, 6),
		'grade:3S|sex:F': c(4, 6),
		'grade:3S|sex:M': c(4, 6),
		'grade:5S|sex:F': c(1, 3),
		'grade:5S|sex:M': c(2, 3)
	},
	'parental_disapproval.alcohol': {
		all: c(25, 30),
		'grade:1S': c(10, 12),
		'grade:3S': c(10, 12),
		'grade:5S': c(5, 6),
		'sex:F': c(12, 15),
		'sex:M': c(13, 15),
		'grade:1S|sex:F': c(5, 6),
		'grade:1S|sex:M': c(5, 6),
		'grade:3S|sex:F': c(5, 6),
		'grade:3S|sex:M': c(5, 6),
		'grade:5S|sex:F': c(2, 3),
		'grade:5S|sex:M': c(3, 3)
	},
	'peer_disapproval.alcohol': {
		all: c(18, 30),
		'grade:1S': c(8, 12),
		'grade:3S': c(7, 12),
		'grade:5S': c(3, 6),
		'sex:F': c(8, 15),
		'sex:M': c(10, 15),
		'grade:1S|sex:F': c(4, 6),
		'grade:1S|sex:M': c(4, 6),
		'grade:3S|sex:F': c(3, 6),
		'grade:3S|sex:M': c(4, 6),
		'grade:5S|sex:F': c(1, 3),
		'grade:5S|sex:M': c(2, 3)
	}
};

const CLEAN_TOTALS: Record<IndicatorCode, { numerator: number; denominator: number }> = {
	'past30_use.alcohol': c(12, 30),
	'past30_use.tobacco': c(6, 30),
	'past30_use.marijuana': c(4, 30),
	'past30_use.rx': c(2, 30),
	'perceived_risk.alcohol': c(19, 30),
	'perceived_risk.tobacco': c(25, 30),
	'perceived_risk.marijuana': c(26, 30),
	'perceived_risk.rx': c(24, 30),
	'parental_disapproval.alcohol': c(25, 30),
	'parental_disapproval.tobacco': c(28, 30),
	'parental_disapproval.marijuana': c(26, 30),
	'parental_disapproval.rx': c(29, 30),
	'peer_disapproval.alcohol': c(18, 30),
	'peer_disapproval.tobacco': c(24, 30),
	'peer_disapproval.marijuana': c(25, 30),
	'peer_disapproval.rx': c(27, 30)
};

describe('computing the core measures from the clean fixture', () => {
	const counts = countsOf(fixtureBytes('clean.csv'), 'clean.csv');

	it('counts alcohol in every cell as worked out by hand', () => {
		for (const [code, cells] of Object.entries(CLEAN_ALCOHOL)) {
			expect(counts[code as IndicatorCode], code).toEqual(cells);
		}
	});

	it('counts every indicator in total as worked out by hand', () => {
		expect(totals(counts)).toEqual(CLEAN_TOTALS);
	});

	it('derives the percentages from the counts', () => {
		expect(percent(counts['past30_use.alcohol']!.all)).toBe(40);
		expect(percent(counts['past30_use.alcohol']!['grade:5S'])).toBe(50);
		expect(percent(counts['perceived_risk.alcohol']!['grade:1S'])).toBeCloseTo(66.667, 3);
		expect(percent(counts['parental_disapproval.alcohol']!['grade:5S|sex:M'])).toBe(100);
		expect(percent(counts['past30_use.rx']!.all)).toBeCloseTo(6.667, 3);
		expect(percent(null)).toBeNull();
		expect(percent(c(0, 0))).toBeNull();
	});

	it('reads the same survey from a workbook and counts the same', () => {
		const text = new TextDecoder().decode(fixtureBytes('clean.csv')).trim().split('\n');
		const rows = text.map((line, i) =>
			i === 0 ? line.split(',') : line.split(',').map((v, j) => (j < 2 ? v : Number(v)))
		);
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Hoja1');
		const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
		expect(countsOf(bytes, 'encuesta.xlsx')).toEqual(counts);
	});
});

describe('computing with invalid answers and blank sex (problems.csv)', () => {
	const counts = countsOf(fixtureBytes('problems.csv'), 'problems.csv');

	it('leaves a respondent out of the one item they answered badly', () => {
		// 8 students in 2°; line 4 ("x") and line 5 ("31") answered days badly, line 6 left it blank.
		expect(counts['past30_use.alcohol']).toEqual({
			all: c(2, 5),
			'grade:2S': c(2, 5),
			'sex:F': c(0, 2),
			'sex:M': c(0, 1),
			'grade:2S|sex:F': c(0, 2),
			'grade:2S|sex:M': c(0, 1)
		});
		// Line 5's risk "5" is out of the scale; their other answers still count.
		expect(counts['perceived_risk.alcohol']!.all).toEqual(c(5, 7));
		expect(counts['perceived_risk.alcohol']!['sex:F']).toEqual(c(2, 3));
		expect(counts['perceived_risk.alcohol']!['sex:M']).toEqual(c(1, 2));
		expect(counts['parental_disapproval.alcohol']!.all).toEqual(c(6, 7));
		expect(counts['peer_disapproval.alcohol']!.all).toEqual(c(6, 8));
		// "No sé" leaves line 11 out of that item only.
		expect(counts['peer_disapproval.tobacco']!.all).toEqual(c(7, 7));
		expect(counts['past30_use.tobacco']!.all).toEqual(c(0, 8));
		expect(counts['perceived_risk.tobacco']!.all).toEqual(c(8, 8));
	});

	it('counts blank-sex respondents in the total and their grade but in neither sex', () => {
		const cells = counts['perceived_risk.tobacco']!;
		expect(cells.all).toEqual(c(8, 8));
		expect(cells['sex:F'].denominator + cells['sex:M'].denominator).toBe(6);
	});
});

describe('computing the Spanish Windows-1252 file', () => {
	const counts = countsOf(fixtureBytes('spanish-1252.csv'), 'encuesta.csv');

	it('turns text answers into the same measures', () => {
		expect(counts['past30_use.alcohol']).toEqual({
			all: c(3, 6),
			'grade:6P': c(0, 2),
			'grade:1S': c(1, 2),
			'grade:5S': c(2, 2),
			'sex:F': c(1, 3),
			'sex:M': c(2, 3),
			'grade:6P|sex:F': c(0, 1),
			'grade:6P|sex:M': c(0, 1),
			'grade:1S|sex:F': c(0, 1),
			'grade:1S|sex:M': c(1, 1),
			'grade:5S|sex:F': c(1, 1),
			'grade:5S|sex:M': c(1, 1)
		});
		const n = (numerator: number) => c(numerator, 6);
		expect(totals(counts)).toEqual({
			'past30_use.alcohol': n(3),
			'past30_use.tobacco': n(1),
			'past30_use.marijuana': n(1),
			'past30_use.rx': n(1),
			'perceived_risk.alcohol': n(3),
			'perceived_risk.tobacco': n(5),
			'perceived_risk.marijuana': n(5),
			'perceived_risk.rx': n(4),
			'parental_disapproval.alcohol': n(5),
			'parental_disapproval.tobacco': n(5),
			'parental_disapproval.marijuana': n(5),
			'parental_disapproval.rx': n(6),
			'peer_disapproval.alcohol': n(3),
			'peer_disapproval.tobacco': n(5),
			'peer_disapproval.marijuana': n(4),
			'peer_disapproval.rx': n(4)
		});
	});
});

describe('cell keys', () => {
	it('round-trip and refuse anything else', () => {
		for (const key of CELL_KEYS)
			expect(cellKey(parseCellKey(key)!.grade, parseCellKey(key)!.sex)).toBe(key);
		for (const bad of ['', 'grade:7S', 'sex:X', 'sex:F|grade:1S', 'grade:1S|grade:2S', 'total']) {
			expect(parseCellKey(bad)).toBeNull();
		}
	});
});

const respondentArb = fc.record({
	grade: fc.constantFrom(...GRADES),
	sex: fc.constantFrom('F' as const, 'M' as const, null),
	answers: fc.tuple(
		...ITEMS.map((item) =>
			fc.option(
				fc.integer({ min: ANSWER_RANGE[item.measure].min, max: ANSWER_RANGE[item.measure].max }),
				{ nil: null }
			)
		)
	)
});

function toRespondents(
	list: { grade: Respondent['grade']; sex: Respondent['sex']; answers: (number | null)[] }[]
): Respondent[] {
	return list.map((r, i) => ({ ...r, line: i + 2, row: i, age: null }));
}

describe('properties', () => {
	it('every count is consistent and every percentage is within 0-100', () => {
		fc.assert(
			fc.property(fc.array(respondentArb, { maxLength: 80 }), (list) => {
				const counts = computeCounts(toRespondents(list));
				for (const cells of Object.values(counts)) {
					for (const cell of Object.values(cells)) {
						expect(cell.denominator).toBeGreaterThan(0);
						expect(cell.numerator).toBeLessThanOrEqual(cell.denominator);
						const p = percent(cell)!;
						expect(p).toBeGreaterThanOrEqual(0);
						expect(p).toBeLessThanOrEqual(100);
					}
					if (cells.all) expect(cells.all.denominator).toBeLessThanOrEqual(list.length);
				}
			})
		);
	});

	it('network figures pooled from coalitions equal the computation on all respondents together', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(respondentArb, { maxLength: 30 }), { maxLength: 6 }),
				(groups) => {
					const pooled = poolCells(groups.map((g) => computeCounts(toRespondents(g))));
					const together = computeCounts(toRespondents(groups.flat()));
					for (const code of INDICATOR_CODES) {
						expect(pooled[code] ?? {}).toEqual(together[code] ?? {});
					}
				}
			)
		);
	});

	it('pools counts, never averages percentages', () => {
		const pooled = poolCells([
			{ 'past30_use.alcohol': { all: c(1, 1) } },
			{ 'past30_use.alcohol': { all: c(0, 9) } }
		]);
		expect(percent(pooled['past30_use.alcohol']!.all)).toBe(10);
	});
});
