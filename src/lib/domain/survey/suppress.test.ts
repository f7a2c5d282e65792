import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_RANGE, GRADES, ITEMS } from './columns';
import { computeCounts, poolCells, type Counts, type MeasureCounts } from './compute';
import { applyMapping, type Respondent } from './mapping';
import { readSurveyFile } from './parse';
import {
	cellPartitions,
	isComplete,
	suppressCells,
	suppressTree,
	type Partition,
	type TreeGroup
} from './suppress';

const c = (numerator: number, denominator: number): Counts => ({ numerator, denominator });

function hide(cells: Record<string, Counts>, min = 10, known?: (k: string) => boolean) {
	return [...suppressCells(cells, cellPartitions(Object.keys(cells)), min, known)].sort();
}

describe('suppressing small cells in one coalition', () => {
	it('hides the grade under 10 and, so it cannot be subtracted, the next-smallest grade', () => {
		const read = readSurveyFile(
			new Uint8Array(
				readFileSync(new URL('../../../../tests/fixtures/survey/clean.csv', import.meta.url))
			),
			'clean.csv'
		);
		if (!read.ok) throw new Error(read.code);
		const cells = computeCounts(applyMapping(read.table).respondents)['past30_use.alcohol']!;
		// 5° has 6 answers (primary); 1° and 3° have 12 each, and 1° comes first (complementary).
		// Every grade × sex cell has 3 or 6 answers. Total, 3° and both sexes (15 each) stay.
		expect(hide(cells)).toEqual([
			'grade:1S',
			'grade:1S|sex:F',
			'grade:1S|sex:M',
			'grade:3S|sex:F',
			'grade:3S|sex:M',
			'grade:5S',
			'grade:5S|sex:F',
			'grade:5S|sex:M'
		]);
	});

	it('publishes everything when every cell has enough answers', () => {
		expect(hide({ all: c(5, 40), 'grade:1S': c(2, 20), 'grade:2S': c(3, 20) })).toEqual([]);
	});

	it('hides the other sex only when the sexes add up to the total', () => {
		// 4 of the 25 left sex blank: total − girls is not the boys, so the girls can stay.
		expect(hide({ all: c(10, 25), 'sex:F': c(5, 12), 'sex:M': c(4, 9) })).toEqual(['sex:M']);
		expect(hide({ all: c(10, 25), 'sex:F': c(6, 16), 'sex:M': c(4, 9) })).toEqual([
			'sex:F',
			'sex:M'
		]);
	});

	it('protects the sexes within a grade and the grades within a sex', () => {
		expect(
			hide({
				all: c(9, 40),
				'grade:1S': c(4, 20),
				'grade:2S': c(5, 20),
				'sex:F': c(5, 22),
				'sex:M': c(4, 18),
				'grade:1S|sex:F': c(3, 12),
				'grade:1S|sex:M': c(1, 8),
				'grade:2S|sex:F': c(2, 10),
				'grade:2S|sex:M': c(3, 10)
			})
		).toEqual([
			// 1° boys (8) are primary; 1° girls complete the grade; then the girls of 2° (10)
			// protect the girls' total, and 2° boys the 2° total.
			'grade:1S|sex:F',
			'grade:1S|sex:M',
			'grade:2S|sex:F',
			'grade:2S|sex:M'
		]);
	});

	it('hides a total that is the only other unknown, and nothing the reader knows', () => {
		const cells = { all: c(3, 14), 'grade:1S': c(1, 4), 'grade:2S': c(2, 10) };
		expect(hide(cells, 10, (k) => k === 'grade:2S')).toEqual(['all', 'grade:1S']);
	});
});

describe('suppressing across coalitions, regions and the network', () => {
	const groups: TreeGroup[] = [
		{
			key: 'network',
			parent: null,
			cells: { all: c(12, 45), 'grade:6P': c(3, 25), 'grade:1S': c(9, 20) }
		},
		{
			key: 'r:lima',
			parent: 'network',
			cells: { all: c(12, 45), 'grade:6P': c(3, 25), 'grade:1S': c(9, 20) }
		},
		{
			key: 'c:a',
			parent: 'r:lima',
			cells: { all: c(4, 15), 'grade:6P': c(1, 5), 'grade:1S': c(3, 10) }
		},
		{
			key: 'c:b',
			parent: 'r:lima',
			cells: { all: c(8, 30), 'grade:6P': c(2, 20), 'grade:1S': c(6, 10) }
		}
	];
	const sorted = (m: Map<string, Set<string>>) =>
		Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));

	it("hides a second coalition's cell so the region cannot be subtracted", () => {
		expect(sorted(suppressTree(groups, 10))).toEqual({
			network: [],
			'r:lima': [],
			// A's 6° (5 answers) is primary; B's 6° goes with it (region − B = A); then each
			// coalition's 1° goes too (all − 6° − … = 1°), and the region's 1° stays (A + B both hidden).
			'c:a': ['grade:1S', 'grade:6P'],
			'c:b': ['grade:1S', 'grade:6P']
		});
	});

	it("hides the region's cell instead when the reader knows the other coalition", () => {
		const hidden = sorted(suppressTree(groups, 10, new Set(['c:b'])));
		expect(hidden['c:b']).toEqual([]);
		expect(hidden['c:a']).toEqual(['grade:1S', 'grade:6P']);
		expect(hidden['r:lima']).toEqual(['grade:1S', 'grade:6P']);
		expect(hidden.network).toEqual(['grade:1S', 'grade:6P']);
	});

	it('hides nothing from someone who knows every coalition', () => {
		const hidden = sorted(suppressTree(groups, 10, new Set(['c:a', 'c:b'])));
		expect(Object.values(hidden).flat()).toEqual([]);
	});
});

const respondentArb = fc.record({
	grade: fc.constantFrom(...GRADES.slice(0, 3)),
	sex: fc.constantFrom('F' as const, 'M' as const, null),
	answers: fc.tuple(
		...ITEMS.slice(0, 2).map((item) =>
			fc.option(
				fc.integer({ min: ANSWER_RANGE[item.measure].min, max: ANSWER_RANGE[item.measure].max }),
				{ nil: null, freq: 8 }
			)
		)
	)
});

function counts(
	list: { grade: Respondent['grade']; sex: Respondent['sex']; answers: (number | null)[] }[]
): MeasureCounts {
	return computeCounts(
		list.map((r, i) => ({
			...r,
			answers: [...r.answers, ...Array(ITEMS.length - r.answers.length).fill(null)],
			line: i + 2,
			row: i,
			age: null
		}))
	);
}

/** In a complete breakdown, exactly one hidden member could be worked out from the others. */
function assertNoLoneHidden(
	cells: Record<string, Counts>,
	partitions: Partition[],
	hidden: Set<string>,
	known: (k: string) => boolean = () => false
) {
	for (const p of partitions) {
		if (!isComplete(p, cells)) continue;
		const members = [p.total, ...p.parts].filter((k) => cells[k]);
		const lone = members.filter((k) => hidden.has(k));
		if (lone.length === 1) {
			// Allowed only when the reader already knows every other member.
			expect(members.filter((k) => k !== lone[0]).every(known), `${p.total}`).toBe(true);
		}
	}
}

describe('properties', () => {
	it('hides every small cell and never leaves one hidden cell alone in a complete breakdown', () => {
		fc.assert(
			fc.property(
				fc.array(respondentArb, { maxLength: 60 }),
				fc.integer({ min: 1, max: 15 }),
				(list, min) => {
					for (const cells of Object.values(counts(list))) {
						const partitions = cellPartitions(Object.keys(cells));
						const hidden = suppressCells(cells, partitions, min);
						for (const [k, cell] of Object.entries(cells)) {
							if (cell.denominator < min) expect(hidden.has(k)).toBe(true);
						}
						assertNoLoneHidden(cells, partitions, hidden);
					}
				}
			)
		);
	});

	it('holds across coalitions, regions and the network, whatever the reader knows', () => {
		const coalitionArb = fc.array(respondentArb, { maxLength: 25 });
		fc.assert(
			fc.property(
				fc.array(fc.array(coalitionArb, { minLength: 1, maxLength: 3 }), {
					minLength: 1,
					maxLength: 3
				}),
				fc.integer({ min: 2, max: 12 }),
				fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
				(regions, min, knownFlags) => {
					const code = ITEMS[0].indicator;
					const groups: TreeGroup[] = [];
					const known = new Set<string>();
					const regionCounts = regions.map((coalitions, r) => {
						const list = coalitions.map((respondents, k) => {
							const cc = counts(respondents);
							const key = `c:${r}-${k}`;
							groups.push({ key, parent: `r:${r}`, cells: cc[code] ?? {} });
							if (knownFlags[r * 3 + k]) known.add(key);
							return cc;
						});
						const pooled = poolCells(list);
						groups.push({ key: `r:${r}`, parent: 'network', cells: pooled[code] ?? {} });
						return pooled;
					});
					groups.push({ key: 'network', parent: null, cells: poolCells(regionCounts)[code] ?? {} });

					const hiddenBy = suppressTree(groups, min, known);
					const flat: Record<string, Counts> = {};
					const hidden = new Set<string>();
					const partitions: Partition[] = [];
					for (const g of groups) {
						for (const [k, cell] of Object.entries(g.cells)) flat[`${g.key}#${k}`] = cell;
						for (const k of hiddenBy.get(g.key)!) hidden.add(`${g.key}#${k}`);
						partitions.push(...cellPartitions(Object.keys(g.cells), `${g.key}#`));
						const kids = groups.filter((x) => x.parent === g.key);
						for (const k of Object.keys(g.cells)) {
							const parts = kids.filter((x) => x.cells[k]).map((x) => `${x.key}#${k}`);
							if (parts.length) partitions.push({ total: `${g.key}#${k}`, parts });
						}
					}
					// A region whose coalitions the reader all knows is known too, and so is the network.
					const knownAll = new Set(known);
					const childrenOf = (key: string) => groups.filter((x) => x.parent === key);
					for (const key of [...regions.map((_, r) => `r:${r}`), 'network']) {
						if (childrenOf(key).every((x) => knownAll.has(x.key))) knownAll.add(key);
					}
					const knownGroup = (key: string) => knownAll.has(key.slice(0, key.indexOf('#')));
					assertNoLoneHidden(flat, partitions, hidden, knownGroup);
					for (const g of known) expect(hiddenBy.get(g)!.size).toBe(0);
				}
			)
		);
	});
});
