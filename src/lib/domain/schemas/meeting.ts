import { z } from 'zod';
import { MEETING_KINDS } from '../capacity';
import { isDateText, todayInLima } from '../meetings';
import { optionalInt, optionalText, seenVersion } from './common';

/** Nothing in the network's records happened before it existed; an earlier year is a typo. */
const EARLIEST_DATE = '1980-01-01';

const validDate = (s: string) => isDateText(s) && s >= EARLIEST_DATE;

/** A calendar day, 'YYYY-MM-DD' (what a date input sends). */
export const dateText = z
	.string()
	.trim()
	.min(1, 'required')
	.refine((s) => s === '' || validDate(s), 'date_invalid');

export const optionalDate = z
	.string()
	.trim()
	.refine((s) => s === '' || validDate(s), 'date_invalid')
	.transform((s) => s || null);

/** Something that already happened cannot be dated after today (in Lima). */
export const notFuture = (s: string | null) => s === null || s <= todayInLima();

/** No meeting has this many members present; more ids are a bad request, not a big meeting. */
export const MAX_ATTENDEES = 500;

export const MEETING_FIELDS = [
	'heldOn',
	'kind',
	'title',
	'guestsCount',
	'decisions',
	'attendees',
	'version'
] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

/**
 * The members present, as membership ids in one comma-separated text so the field travels
 * through parseForm like the others (routes join the repeated checkboxes with joinIds).
 */
const attendees = z
	.string()
	.transform((s) => [
		...new Set(
			s
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean)
		)
	])
	.refine((ids) => ids.length <= MAX_ATTENDEES && ids.every((id) => id.length <= 100), 'invalid');

export const meetingSchema = z.object({
	heldOn: dateText.refine(notFuture, 'date_future'),
	kind: z.enum(MEETING_KINDS, { error: (issue) => (issue.input === '' ? 'required' : 'invalid') }),
	title: optionalText(120),
	guestsCount: optionalInt(0, 10000, 'number_invalid').transform((n) => n ?? 0),
	decisions: optionalText(4000),
	attendees,
	version: seenVersion
});

export type MeetingInput = z.output<typeof meetingSchema>;
