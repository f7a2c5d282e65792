/**
 * Technical assistance and training arithmetic: which follow-ups are overdue and how many hours
 * went where. Pure: callers pass "today" so every page and test agrees on the day.
 */

export { NETWORK_TIME_ZONE, todayInLima as localToday } from './dates';

export interface FollowupState {
	status: string;
	due_on: string;
}

/** Still open and its due day has passed; a follow-up due today still has today. */
export function isOverdue(followup: FollowupState, today: string): boolean {
	return followup.status === 'open' && followup.due_on < today;
}

/** Hours are entered with decimals (1.5); summing binary fractions must not print 4.499999. */
export function sumHours(values: readonly number[]): number {
	return Math.round(values.reduce((total, v) => total + v, 0) * 100) / 100;
}

function hoursBy<T>(rows: readonly T[], key: (row: T) => string, hours: (row: T) => number) {
	const groups = new Map<string, number[]>();
	for (const row of rows) {
		const k = key(row);
		groups.set(k, [...(groups.get(k) ?? []), hours(row)]);
	}
	return Object.fromEntries([...groups].map(([k, list]) => [k, sumHours(list)]));
}

export interface ContactHours {
	coalition_id: string;
	topic: string;
	hours: number;
}

export function hoursByCoalition(contacts: readonly ContactHours[]): Record<string, number> {
	return hoursBy(
		contacts,
		(c) => c.coalition_id,
		(c) => c.hours
	);
}

export function hoursByTopic(contacts: readonly ContactHours[]): Record<string, number> {
	return hoursBy(
		contacts,
		(c) => c.topic,
		(c) => c.hours
	);
}

/** An attendee's hours: their own when they stayed only part of the event, else the event's. */
export function attendeeHours(own: number | null, eventHours: number): number {
	return own ?? eventHours;
}
