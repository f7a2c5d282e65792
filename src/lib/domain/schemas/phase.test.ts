import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { MAX_YEAR } from './common';
import {
	goalsOf,
	goalsText,
	joinIds,
	parseGoalsText,
	PHASE_FIELDS,
	phaseFormRecord,
	phaseSchema
} from './phase';

const parse = (input: Record<string, unknown>) =>
	parseForm(
		phaseSchema,
		{ number: '4', nameEs: 'Cuarta fase', startYear: '2020', ...input },
		PHASE_FIELDS
	);

const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the phase schema', () => {
	it('accepts a minimal phase', () => {
		const r = parse({});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({
			number: 4,
			nameEs: 'Cuarta fase',
			nameEn: null,
			startYear: 2020,
			endYear: null,
			summaryEs: null,
			targetPlaceIds: []
		});
		expect(goalsOf(r.value)).toEqual([]);
	});

	it('requires a whole number from 1 to 99', () => {
		expect(errorsOf({ number: '' }).number).toBe('required');
		for (const number of ['0', '100', '2.5', 'tres', '-1']) {
			expect(errorsOf({ number }).number, number).toBe('number_invalid');
		}
	});

	it('requires a start year from 1980 to next year, and an end year not before it', () => {
		expect(errorsOf({ startYear: '' }).startYear).toBe('required');
		expect(errorsOf({ startYear: '1979' }).startYear).toBe('year_invalid');
		expect(errorsOf({ startYear: String(MAX_YEAR + 1) }).startYear).toBe('year_invalid');
		expect(errorsOf({ endYear: 'soon' }).endYear).toBe('year_invalid');
		expect(errorsOf({ endYear: '2019' })).toEqual({ endYear: 'years_order' });
		const r = parse({ endYear: '2020' });
		expect(r.ok && r.value.endYear).toBe(2020);
	});

	it('limits names and summaries', () => {
		expect(errorsOf({ nameEs: '' }).nameEs).toBe('required');
		expect(errorsOf({ nameEs: 'x'.repeat(121) }).nameEs).toBe('too_long');
		expect(errorsOf({ nameEn: 'x'.repeat(121) }).nameEn).toBe('too_long');
		expect(errorsOf({ summaryEs: 'x'.repeat(2001) }).summaryEs).toBe('too_long');
		expect(errorsOf({ summaryEn: 'x'.repeat(2001) }).summaryEn).toBe('too_long');
	});

	it('reads up to four goal rows, skipping empty ones', () => {
		const r = parse({
			goalMetric1: 'coalitions',
			goalTarget1: '40',
			goalByYear1: '2030',
			goalMetric3: 'districts',
			goalTarget3: '0'
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(goalsOf(r.value)).toEqual([
			{ metric: 'coalitions', target: 40, byYear: 2030 },
			{ metric: 'districts', target: 0, byYear: null }
		]);
	});

	it('checks each goal row', () => {
		expect(errorsOf({ goalMetric2: 'schools', goalTarget2: '3' }).goalMetric2).toBe('invalid');
		expect(errorsOf({ goalMetric1: 'cities', goalTarget1: '-1' }).goalTarget1).toBe(
			'number_invalid'
		);
		expect(errorsOf({ goalMetric1: 'cities', goalTarget1: '100001' }).goalTarget1).toBe(
			'number_invalid'
		);
		expect(errorsOf({ goalMetric1: 'cities', goalTarget1: '5', goalByYear1: '1900' })).toEqual({
			goalByYear1: 'year_invalid'
		});
		expect(errorsOf({ goalMetric4: 'cities' })).toEqual({ goalTarget4: 'required' });
		expect(errorsOf({ goalTarget2: '12' })).toEqual({ goalMetric2: 'required' });
		expect(errorsOf({ goalByYear2: '2025' })).toEqual({ goalMetric2: 'required' });
	});

	it('reads the target places as a list without repeats', () => {
		const r = parse({ targetPlaceIds: 'a, b,,a' });
		expect(r.ok && r.value.targetPlaceIds).toEqual(['a', 'b']);
		const many = Array.from({ length: 201 }, (_, i) => `p${i}`).join(',');
		expect(errorsOf({ targetPlaceIds: many }).targetPlaceIds).toBe('invalid');
	});
});

describe('multi-value fields', () => {
	it('joins repeated form fields, JSON arrays and text alike', () => {
		expect(joinIds(['a', ' b ', '', 3, 'c'])).toBe('a,b,c');
		expect(joinIds('a, b')).toBe('a,b');
		expect(joinIds(undefined)).toBe('');
		expect(joinIds(null)).toBe('');
	});

	it('keeps every chosen target place of a posted form', () => {
		const data = new FormData();
		data.append('number', '4');
		data.append('targetPlaceIds', 'x');
		data.append('targetPlaceIds', 'y');
		expect(phaseFormRecord(data)).toEqual({ number: '4', targetPlaceIds: 'x,y' });
		const none = new FormData();
		expect(phaseFormRecord(none)).toEqual({ targetPlaceIds: '' });
	});
});

describe('goals as one line of text', () => {
	it('writes the goals for the audit trail and reads them back', () => {
		const text = goalsText([
			{ metric: 'coalitions', target: 40, by_year: 2009 },
			{ metric: 'districts', target: 12, by_year: null }
		]);
		expect(text).toBe('coalitions: 40 (2009); districts: 12');
		expect(parseGoalsText(text)).toEqual([
			{ metric: 'coalitions', target: 40, byYear: 2009 },
			{ metric: 'districts', target: 12, byYear: null }
		]);
		expect(parseGoalsText('')).toEqual([]);
		expect(parseGoalsText('schools: 3')).toBeNull();
		expect(parseGoalsText('whatever')).toBeNull();
	});
});
