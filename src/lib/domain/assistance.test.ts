import { describe, expect, it } from 'vitest';
import {
	attendeeHours,
	hoursByCoalition,
	hoursByTopic,
	isOverdue,
	localToday,
	sumHours
} from './assistance';

describe('technical assistance arithmetic', () => {
	it('calls a follow-up overdue only when open and its day has passed', () => {
		const today = '2026-11-27';
		expect(isOverdue({ status: 'open', due_on: '2026-11-26' }, today)).toBe(true);
		expect(isOverdue({ status: 'open', due_on: today }, today)).toBe(false);
		expect(isOverdue({ status: 'open', due_on: '2026-12-01' }, today)).toBe(false);
		expect(isOverdue({ status: 'done', due_on: '2026-11-01' }, today)).toBe(false);
		expect(isOverdue({ status: 'dropped', due_on: '2026-11-01' }, today)).toBe(false);
	});

	it("takes today in Lima's time, not the server's", () => {
		// 02:00 UTC on the 28th is still the evening of the 27th in Lima (UTC−5).
		expect(localToday(new Date('2026-11-28T02:00:00Z'))).toBe('2026-11-27');
		expect(localToday(new Date('2026-11-28T06:00:00Z'))).toBe('2026-11-28');
	});

	it('adds hours without binary noise', () => {
		expect(sumHours([0.1, 0.2])).toBe(0.3);
		expect(sumHours([])).toBe(0);
	});

	it('totals hours per coalition and per topic', () => {
		const contacts = [
			{ coalition_id: 'a', topic: 'planning', hours: 1.5 },
			{ coalition_id: 'a', topic: 'assessment', hours: 2 },
			{ coalition_id: 'b', topic: 'planning', hours: 3 }
		];
		expect(hoursByCoalition(contacts)).toEqual({ a: 3.5, b: 3 });
		expect(hoursByTopic(contacts)).toEqual({ planning: 4.5, assessment: 2 });
		expect(hoursByTopic([])).toEqual({});
	});

	it("counts an attendee's own hours when given, else the event's", () => {
		expect(attendeeHours(null, 16)).toBe(16);
		expect(attendeeHours(4, 16)).toBe(4);
		expect(attendeeHours(0, 16)).toBe(0);
	});
});
