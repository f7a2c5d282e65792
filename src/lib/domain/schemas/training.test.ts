import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import {
	ATTENDEE_FIELDS,
	attendeeChoice,
	attendeeFormRecord,
	attendeeSchema,
	isCalendarDay,
	topicsOf,
	topicsText,
	TRAINING_FIELDS,
	trainingFormRecord,
	trainingSchema
} from './training';

const parse = (input: Record<string, unknown>) =>
	parseForm(
		trainingSchema,
		{
			title: 'Instituto de Medio Año',
			kind: 'international_institute',
			startsOn: '2026-07-20',
			topics: 'capacity',
			hours: '24',
			...input
		},
		TRAINING_FIELDS
	);

const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the training schema', () => {
	it('accepts a minimal event', () => {
		const r = parse({});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({
			title: 'Instituto de Medio Año',
			kind: 'international_institute',
			startsOn: '2026-07-20',
			endsOn: null,
			place: null,
			organizerId: null,
			topics: ['capacity'],
			hours: 24,
			description: null
		});
	});

	it('limits the title and requires a kind from the list', () => {
		expect(errorsOf({ title: '' }).title).toBe('required');
		expect(errorsOf({ title: 'A' }).title).toBe('too_short');
		expect(errorsOf({ title: 'x'.repeat(201) }).title).toBe('too_long');
		expect(errorsOf({ kind: '' }).kind).toBe('required');
		expect(errorsOf({ kind: 'party' }).kind).toBe('invalid');
	});

	it('requires real days, and an end not before the start', () => {
		expect(errorsOf({ startsOn: '' }).startsOn).toBe('required');
		for (const startsOn of ['2026-02-30', '20/07/2026', '0202-07-20', '2026-7-2']) {
			expect(errorsOf({ startsOn }).startsOn, startsOn).toBe('date_invalid');
		}
		expect(errorsOf({ endsOn: '2026-07-19' })).toEqual({ endsOn: 'dates_order' });
		const r = parse({ endsOn: '2026-07-24' });
		expect(r.ok && r.value.endsOn).toBe('2026-07-24');
		expect(parse({ endsOn: '2026-07-20' }).ok).toBe(true);
	});

	it('takes hours with decimals, from 0 to 500', () => {
		const r = parse({ hours: '2,5' });
		expect(r.ok && r.value.hours).toBe(2.5);
		expect(parse({ hours: '0' }).ok).toBe(true);
		expect(errorsOf({ hours: '' }).hours).toBe('required');
		for (const hours of ['-1', '500.5', 'ocho']) {
			expect(errorsOf({ hours }).hours, hours).toBe('number_invalid');
		}
	});

	it('needs at least one topic from the vocabulary, kept in its order without repeats', () => {
		expect(errorsOf({ topics: '' }).topics).toBe('required');
		expect(errorsOf({ topics: 'capacity,astrology' }).topics).toBe('invalid');
		const r = parse({ topics: 'modify_policies,assessment,modify_policies' });
		expect(r.ok && r.value.topics).toEqual(['assessment', 'modify_policies']);
	});

	it('limits place and description', () => {
		expect(errorsOf({ place: 'x'.repeat(161) }).place).toBe('too_long');
		expect(errorsOf({ description: 'x'.repeat(4001) }).description).toBe('too_long');
	});

	it('reads every ticked topic of a posted form', () => {
		const data = new FormData();
		data.append('title', 'Taller');
		data.append('topics', 'assessment');
		data.append('topics', 'sustainability');
		expect(trainingFormRecord(data)).toMatchObject({
			title: 'Taller',
			topics: 'assessment,sustainability'
		});
	});

	it('stores topics joined by | and reads back only known codes', () => {
		expect(topicsText(['assessment', 'cultural_competence'])).toBe(
			'assessment|cultural_competence'
		);
		expect(topicsOf('cultural_competence|gone|assessment')).toEqual([
			'assessment',
			'cultural_competence'
		]);
		expect(topicsOf('')).toEqual([]);
		expect(topicsOf(null)).toEqual([]);
	});

	it('knows a calendar day', () => {
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2027-02-29')).toBe(false);
	});
});

describe('the attendee schema', () => {
	const parseAttendee = (input: Record<string, unknown>) =>
		parseForm(attendeeSchema, input, ATTENDEE_FIELDS);

	it('takes a person, their coalition and optional own hours', () => {
		const r = parseAttendee({ personId: 'p1', coalitionId: 'c1', hours: '' });
		expect(r.ok && r.value).toEqual({ personId: 'p1', coalitionId: 'c1', hours: null });
		const partial = parseAttendee({ personId: 'p1', coalitionId: 'c1', hours: '3.5' });
		expect(partial.ok && partial.value.hours).toBe(3.5);
		const bad = parseAttendee({ personId: '', coalitionId: '', hours: '-2' });
		expect(bad.ok ? {} : bad.errors).toEqual({
			personId: 'required',
			coalitionId: 'required',
			hours: 'number_invalid'
		});
	});

	it('splits the menu value into the two ids', () => {
		const data = new FormData();
		data.append('attendee', attendeeChoice('p1', 'c1'));
		data.append('hours', '4');
		expect(attendeeFormRecord(data)).toMatchObject({
			personId: 'p1',
			coalitionId: 'c1',
			hours: '4'
		});
		const api = new FormData();
		api.append('personId', 'p2');
		api.append('coalitionId', 'c2');
		expect(attendeeFormRecord(api)).toMatchObject({ personId: 'p2', coalitionId: 'c2' });
	});
});
