/**
 * Attendance at a coalition's meetings. A member is expected at the meetings held while they
 * belonged to the coalition, and only those: someone who joined in June is not absent from
 * March. Rates are pooled (attended ÷ expected) so a sector with one very regular member and one
 * who never comes reads as the half it is. Pure: the services bring the rows.
 */
import { SECTORS } from './capacity';

export { todayInLima } from './dates';

/** Dates are calendar days as 'YYYY-MM-DD' text, which compare correctly as strings. */
export interface Period {
	from: string;
	to: string;
}

export interface MeetingFact {
	id: string;
	heldOn: string;
}

export interface AttendanceFact {
	meetingId: string;
	membershipId: string;
}

export interface MembershipFact {
	id: string;
	sector: string;
	startedOn: string;
	endedOn: string | null;
}

export interface Rate {
	attended: number;
	expected: number;
	/** attended ÷ expected, from 0 to 1; null when no meeting was held while they were members */
	rate: number | null;
}

export interface MemberRate extends Rate {
	membershipId: string;
	sector: string;
}

export interface SectorRate extends Rate {
	sector: string;
	/** memberships of this sector during the period */
	members: number;
}

export interface AttendanceRates {
	period: Period;
	/** meetings held in the period */
	meetings: number;
	members: MemberRate[];
	sectors: SectorRate[];
	overall: Rate;
}

export interface QuarterRates extends AttendanceRates {
	year: number;
	quarter: 1 | 2 | 3 | 4;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as 'YYYY-MM-DD' (no 2026-02-30). */
export function isDateText(s: string): boolean {
	const match = DATE_TEXT.exec(s);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === s;
}

function toDate(s: string): Date {
	return new Date(`${s}T00:00:00Z`);
}

function toText(d: Date): string {
	return d.toISOString().slice(0, 10);
}

export function shiftDays(date: string, days: number): string {
	const d = toDate(date);
	d.setUTCDate(d.getUTCDate() + days);
	return toText(d);
}

function shiftMonths(date: string, months: number): string {
	const d = toDate(date);
	d.setUTCMonth(d.getUTCMonth() + months);
	return toText(d);
}

/** The twelve months up to and including today. */
export function lastTwelveMonths(today: string): Period {
	return { from: shiftDays(shiftMonths(today, -12), 1), to: today };
}

/** The current calendar quarter and the three before it, up to today. */
export function lastFourQuarters(today: string): Period {
	const [year, month] = today.split('-').map(Number);
	const startMonth = Math.floor((month - 1) / 3) * 3 + 1;
	const currentStart = `${year}-${String(startMonth).padStart(2, '0')}-01`;
	return { from: shiftMonths(currentStart, -9), to: today };
}

/** The calendar quarters a period touches, each cut to the period. */
export function quartersOf(period: Period): (Period & { year: number; quarter: 1 | 2 | 3 | 4 })[] {
	const out: (Period & { year: number; quarter: 1 | 2 | 3 | 4 })[] = [];
	if (period.from > period.to) return out;
	const [year, month] = period.from.split('-').map(Number);
	let start = `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
	while (start <= period.to) {
		const next = shiftMonths(start, 3);
		const end = shiftDays(next, -1);
		const startMonth = Number(start.slice(5, 7));
		out.push({
			year: Number(start.slice(0, 4)),
			quarter: ((startMonth - 1) / 3 + 1) as 1 | 2 | 3 | 4,
			from: start < period.from ? period.from : start,
			to: end > period.to ? period.to : end
		});
		start = next;
	}
	return out;
}

/** Whether a membership was current on a day (both ends count). */
export function wasMemberOn(
	m: Pick<MembershipFact, 'startedOn' | 'endedOn'>,
	day: string
): boolean {
	return m.startedOn <= day && (m.endedOn === null || m.endedOn >= day);
}

function overlaps(m: MembershipFact, period: Period): boolean {
	return m.startedOn <= period.to && (m.endedOn === null || m.endedOn >= period.from);
}

function rateOf(attended: number, expected: number): Rate {
	return { attended, expected, rate: expected === 0 ? null : attended / expected };
}

function sectorOrder(sector: string): number {
	const i = (SECTORS as readonly string[]).indexOf(sector);
	return i === -1 ? SECTORS.length : i;
}

/**
 * Rates over a period, per membership (in the order given), per sector (in the sectors' usual
 * order) and for everyone. Attendance recorded for a meeting outside someone's membership (dates
 * corrected afterwards) is not counted, so a rate never exceeds one.
 */
export function attendanceRates(
	meetings: readonly MeetingFact[],
	attendance: readonly AttendanceFact[],
	memberships: readonly MembershipFact[],
	period: Period
): AttendanceRates {
	const held = meetings.filter((m) => m.heldOn >= period.from && m.heldOn <= period.to);
	const present = new Set(attendance.map((a) => `${a.meetingId} ${a.membershipId}`));
	const members: MemberRate[] = memberships
		.filter((m) => overlaps(m, period))
		.map((m) => {
			const expected = held.filter((meeting) => wasMemberOn(m, meeting.heldOn));
			const attended = expected.filter((meeting) => present.has(`${meeting.id} ${m.id}`));
			return { membershipId: m.id, sector: m.sector, ...rateOf(attended.length, expected.length) };
		});
	const bySector = new Map<string, { members: number; attended: number; expected: number }>();
	for (const m of members) {
		const s = bySector.get(m.sector) ?? { members: 0, attended: 0, expected: 0 };
		s.members += 1;
		s.attended += m.attended;
		s.expected += m.expected;
		bySector.set(m.sector, s);
	}
	const sectors = [...bySector.entries()]
		.sort(([a], [b]) => sectorOrder(a) - sectorOrder(b) || a.localeCompare(b))
		.map(([sector, s]) => ({ sector, members: s.members, ...rateOf(s.attended, s.expected) }));
	const total = members.reduce(
		(acc, m) => ({ attended: acc.attended + m.attended, expected: acc.expected + m.expected }),
		{ attended: 0, expected: 0 }
	);
	return {
		period,
		meetings: held.length,
		members,
		sectors,
		overall: rateOf(total.attended, total.expected)
	};
}

/** The same rates for each calendar quarter of the period, oldest first: attendance over time. */
export function attendanceByQuarter(
	meetings: readonly MeetingFact[],
	attendance: readonly AttendanceFact[],
	memberships: readonly MembershipFact[],
	period: Period
): QuarterRates[] {
	return quartersOf(period).map(({ year, quarter, from, to }) => ({
		year,
		quarter,
		...attendanceRates(meetings, attendance, memberships, { from, to })
	}));
}
