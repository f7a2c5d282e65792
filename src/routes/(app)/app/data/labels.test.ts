import { describe, expect, it } from 'vitest';
import { formatPercent, formatPoints, gradeLabel, indicatorLabel, problemLabel } from './labels';

describe('survey labels', () => {
	it('writes a change with its sign, a true minus and whole points', () => {
		expect(formatPoints(3.2, 'es')).toBe('+3');
		expect(formatPoints(-2.4, 'es')).toBe('−2');
		expect(formatPoints(0.2, 'en')).toBe('0');
		expect(formatPoints(-0.4, 'en')).toBe('0');
	});

	it('rounds percentages to whole numbers', () => {
		expect(formatPercent(33.333, 'es')).toBe('33 %');
		expect(formatPercent(100, 'en')).toBe('100 %');
	});

	it('names grades, indicators and problems from messages, and shows unknown keys as they are', () => {
		expect(gradeLabel('1S')).toMatch(/1/);
		expect(indicatorLabel('past30_use.alcohol')).toContain(':');
		expect(indicatorLabel('custom.thing')).toBe('custom.thing');
		expect(problemLabel('nope')).toBe('nope');
	});
});
