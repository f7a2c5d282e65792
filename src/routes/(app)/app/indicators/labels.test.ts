import { describe, expect, it } from 'vitest';
import { formatValue, indicatorFieldLabels, unitLabel } from './labels';

describe('indicator labels', () => {
	it('writes a value in its unit: a percentage with " %", a count whole, nothing as a dash', () => {
		expect(formatValue(30, 'percent', 'es')).toBe('30 %');
		expect(formatValue(12.345, 'percent', 'en')).toBe('12.3 %');
		expect(formatValue(1234, 'count', 'en')).toBe('1,234');
		// Peru writes decimals with a point (es-PE), unlike Spain.
		expect(formatValue(0.25, 'rate', 'es')).toBe('0.3');
		expect(formatValue(null, 'percent', 'es')).toBe('—');
	});

	it('names every unit and field, and shows an unknown unit as it is', () => {
		expect(unitLabel('percent')).not.toBe('percent');
		expect(unitLabel('weird')).toBe('weird');
		expect(Object.values(indicatorFieldLabels()).every((l) => l.length > 0)).toBe(true);
	});
});
