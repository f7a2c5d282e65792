import { describe, expect, it } from 'vitest';
import {
	attendanceByQuarter,
	attendanceRates,
	isDateText,
	lastFourQuarters,
	lastTwelveMonths,
	quartersOf,
	shiftDays,
	todayInLima,
	wasMemberOn,
	type MembershipFact
} from './meetings';

const meetings = [
	{ id: 'm1', heldOn: '2026-01-15' },
	{ id: 'm2', heldOn: '2026-02-15' },
	{ id: 'm3', heldOn: '2026-04-15' },
	{ id: 'm4', heldOn: '2026-05-15' },
	{ id: 'outside', heldOn: '2025-12-31' }
];

const memberships: MembershipFact[] = [
	// with the coalition all along
	{ id: 'ana', sector: 'schools', startedOn: '2024-03-01', endedOn: null },
	// joined mid-period: expected only at the April and May meetings
	{ id: 'beto', sector: 'schools', startedOn: '2026-04-01', endedOn: null },
	// left in February, after the second meeting (the day of a meeting counts)
	{ id: 'carla', sector: 'youth', startedOn: '2025-01-01', endedOn: '2026-02-15' },
	// gone before the period
	{ id: 'dario', sector: 'parents', startedOn: '2020-01-01', endedOn: '2025-06-30' }
];

const attendance = [
	{ meetingId: 'm1', membershipId: 'ana' },
	{ meetingId: 'm3', membershipId: 'ana' },
	{ meetingId: 'm4', membershipId: 'ana' },
	{ meetingId: 'm3', membershipId: 'beto' },
	{ meetingId: 'm4', membershipId: 'beto' },
	{ meetingId: 'm2', membershipId: 'carla' },
	// recorded before their membership began (dates corrected later): not counted
	{ meetingId: 'm1', membershipId: 'beto' },
	{ meetingId: 'outside', membershipId: 'ana' }
];

const H1 = { from: '2026-01-01', to: '2026-06-30' };

describe('attendance rates', () => {
	it('counts only the meetings held while each person was a member', () => {
		const r = attendanceRates(meetings, attendance, memberships, H1);
		expect(r.meetings).toBe(4);
		expect(r.members).toEqual([
			{ membershipId: 'ana', sector: 'schools', attended: 3, expected: 4, rate: 0.75 },
			{ membershipId: 'beto', sector: 'schools', attended: 2, expected: 2, rate: 1 },
			{ membershipId: 'carla', sector: 'youth', attended: 1, expected: 2, rate: 0.5 }
		]);
	});

	it('pools sectors in their usual order, and everyone together', () => {
		const r = attendanceRates(meetings, attendance, memberships, H1);
		expect(r.sectors).toEqual([
			{ sector: 'youth', members: 1, attended: 1, expected: 2, rate: 0.5 },
			{ sector: 'schools', members: 2, attended: 5, expected: 6, rate: 5 / 6 }
		]);
		expect(r.overall).toEqual({ attended: 6, expected: 8, rate: 0.75 });
	});

	it('gives no rate (not zero) when nothing was expected', () => {
		const r = attendanceRates([], [], memberships, H1);
		expect(r.meetings).toBe(0);
		expect(r.members.map((m) => m.rate)).toEqual([null, null, null]);
		expect(r.overall).toEqual({ attended: 0, expected: 0, rate: null });
		expect(attendanceRates(meetings, attendance, [], H1).sectors).toEqual([]);
	});

	it('splits a period into calendar quarters, cut to the period', () => {
		expect(quartersOf({ from: '2025-11-28', to: '2026-05-02' })).toEqual([
			{ year: 2025, quarter: 4, from: '2025-11-28', to: '2025-12-31' },
			{ year: 2026, quarter: 1, from: '2026-01-01', to: '2026-03-31' },
			{ year: 2026, quarter: 2, from: '2026-04-01', to: '2026-05-02' }
		]);
		expect(quartersOf({ from: '2026-05-02', to: '2026-01-01' })).toEqual([]);
	});

	it('shows attendance over time, quarter by quarter', () => {
		const q = attendanceByQuarter(meetings, attendance, memberships, H1);
		expect(q.map((x) => [x.year, x.quarter, x.meetings, x.overall.rate])).toEqual([
			[2026, 1, 2, 0.5],
			[2026, 2, 2, 1]
		]);
		// Beto had not joined yet in the first quarter, so he is not listed there at all.
		expect(q[0].members.map((m) => m.membershipId)).toEqual(['ana', 'carla']);
	});
});

describe('dates', () => {
	it('accepts only real calendar days', () => {
		expect(isDateText('2026-02-28')).toBe(true);
		expect(isDateText('2024-02-29')).toBe(true);
		for (const s of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '', '2026-01-01T00:00']) {
			expect(isDateText(s), s).toBe(false);
		}
	});

	it("takes today's date in Lima, five hours behind UTC", () => {
		expect(todayInLima(new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27');
		expect(todayInLima(new Date('2026-11-28T05:00:00Z'))).toBe('2026-11-28');
	});

	it('knows the usual periods', () => {
		expect(lastTwelveMonths('2026-11-27')).toEqual({ from: '2025-11-28', to: '2026-11-27' });
		expect(lastFourQuarters('2026-11-27')).toEqual({ from: '2026-01-01', to: '2026-11-27' });
		expect(lastFourQuarters('2026-02-10')).toEqual({ from: '2025-04-01', to: '2026-02-10' });
		expect(shiftDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('counts both ends of a membership', () => {
		const m = { startedOn: '2026-01-10', endedOn: '2026-01-20' };
		expect(
			['2026-01-09', '2026-01-10', '2026-01-20', '2026-01-21'].map((d) => wasMemberOn(m, d))
		).toEqual([false, true, true, false]);
	});
});
