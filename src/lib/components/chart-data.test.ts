import { describe, it, expect } from 'vitest';
import { growthRows, stack, yearTicks, type GrowthPhase } from '$lib/charts/growth';

const phases: GrowthPhase[] = [
	{ id: 'pilot', label: 'Pilot', color: '#b5532f', startYear: 2014 },
	{ id: 'scale', label: 'Scale-up', color: '#3d6b5a', startYear: 2018 }
];

describe('growthRows', () => {
	it('fills missing years with zeros and accumulates totals', () => {
		const rows = growthRows(
			[
				{ year: 2014, phaseId: 'pilot', count: 2 },
				{ year: 2017, phaseId: 'pilot', count: 1 },
				{ year: 2018, phaseId: 'scale', count: 4 },
				{ year: 2018, phaseId: 'pilot', count: 1 }
			],
			phases
		);
		expect(rows.map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018]);
		expect(rows[1]).toEqual({
			year: 2015,
			counts: { pilot: 0, scale: 0 },
			total: 0,
			cumulative: 2
		});
		expect(rows[4]).toEqual({
			year: 2018,
			counts: { pilot: 1, scale: 4 },
			total: 5,
			cumulative: 8
		});
		expect(rows.map((r) => r.cumulative)).toEqual([2, 2, 2, 3, 8]);
	});

	it('sums repeated entries and ignores input order', () => {
		const rows = growthRows(
			[
				{ year: 2020, phaseId: 'scale', count: 1 },
				{ year: 2019, phaseId: 'scale', count: 2 },
				{ year: 2020, phaseId: 'scale', count: 3 }
			],
			phases
		);
		expect(rows.map((r) => [r.year, r.counts.scale, r.cumulative])).toEqual([
			[2019, 2, 2],
			[2020, 4, 6]
		]);
	});

	it('counts unknown phases in the totals rather than dropping them', () => {
		const [row] = growthRows([{ year: 2021, phaseId: 'legacy', count: 2 }], phases);
		expect(row.counts).toEqual({ pilot: 0, scale: 0, legacy: 2 });
		expect(row.cumulative).toBe(2);
		expect(stack(row, ['pilot', 'scale'])).toEqual([{ phaseId: 'legacy', y0: 0, y1: 2 }]);
	});

	it('returns nothing for an empty series', () => {
		expect(growthRows([], phases)).toEqual([]);
	});
});

describe('stack', () => {
	it('stacks phases bottom-up in the given order, skipping empty ones', () => {
		const row = { year: 2018, counts: { pilot: 1, scale: 4, other: 0 }, total: 5, cumulative: 8 };
		expect(stack(row, ['pilot', 'scale'])).toEqual([
			{ phaseId: 'pilot', y0: 0, y1: 1 },
			{ phaseId: 'scale', y0: 1, y1: 5 }
		]);
	});
});

describe('yearTicks', () => {
	it('keeps every year when they fit and thins them from the last year otherwise', () => {
		expect(yearTicks([2019, 2020, 2021], 5)).toEqual([2019, 2020, 2021]);
		const years = Array.from({ length: 12 }, (_, i) => 2014 + i);
		expect(yearTicks(years, 6)).toEqual([2015, 2017, 2019, 2021, 2023, 2025]);
	});
});
