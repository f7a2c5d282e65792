import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { shiftDays, todayInLima } from '../meetings';
import { joinIds } from './phase';
import { MAX_ATTENDEES, MEETING_FIELDS, meetingSchema } from './meeting';

const parse = (input: Record<string, unknown>) =>
	parseForm(meetingSchema, { heldOn: '2026-03-14', kind: 'coalition', ...input }, MEETING_FIELDS);

const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the meeting schema', () => {
	it('accepts a minimal meeting: no guests, no title, nobody ticked', () => {
		const r = parse({});
		expect(r).toEqual({
			ok: true,
			value: {
				heldOn: '2026-03-14',
				kind: 'coalition',
				title: null,
				guestsCount: 0,
				decisions: null,
				attendees: [],
				version: ''
			}
		});
	});

	it('reads the attendees as distinct membership ids', () => {
		const r = parse({ attendees: joinIds(['a', ' b ', 'a', '']), guestsCount: ' 12 ' });
		expect(r.ok && r.value.attendees).toEqual(['a', 'b']);
		expect(r.ok && r.value.guestsCount).toBe(12);
		const many = Array.from({ length: MAX_ATTENDEES + 1 }, (_, i) => `m${i}`).join(',');
		expect(errorsOf({ attendees: many })).toEqual({ attendees: 'invalid' });
	});

	it('needs a real date that is not in the future', () => {
		expect(errorsOf({ heldOn: '' })).toEqual({ heldOn: 'required' });
		expect(errorsOf({ heldOn: '14/03/2026' })).toEqual({ heldOn: 'date_invalid' });
		expect(errorsOf({ heldOn: '2026-02-30' })).toEqual({ heldOn: 'date_invalid' });
		expect(errorsOf({ heldOn: '0202-03-14' })).toEqual({ heldOn: 'date_invalid' });
		expect(errorsOf({ heldOn: shiftDays(todayInLima(), 1) })).toEqual({ heldOn: 'date_future' });
		expect(parse({ heldOn: todayInLima() }).ok).toBe(true);
	});

	it('knows the kinds of meeting', () => {
		expect(errorsOf({ kind: '' })).toEqual({ kind: 'required' });
		expect(errorsOf({ kind: 'party' })).toEqual({ kind: 'invalid' });
		expect(parse({ kind: 'committee' }).ok).toBe(true);
	});

	it('limits the counts and the texts', () => {
		for (const guestsCount of ['-1', '10001', '2.5', 'muchos']) {
			expect(errorsOf({ guestsCount }).guestsCount, guestsCount).toBe('number_invalid');
		}
		expect(parse({ guestsCount: '10000' }).ok).toBe(true);
		expect(errorsOf({ title: 'x'.repeat(121) })).toEqual({ title: 'too_long' });
		expect(errorsOf({ decisions: 'x'.repeat(4001) })).toEqual({ decisions: 'too_long' });
		const r = parse({ title: '  Asamblea  ', decisions: ' Se acordó la feria. ' });
		expect(r.ok && [r.value.title, r.value.decisions]).toEqual(['Asamblea', 'Se acordó la feria.']);
	});
});
