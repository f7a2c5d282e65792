import { z } from 'zod';
import { TOPICS, TRAINING_KINDS } from '../capacity';
import { formRecord } from '../forms';
import {
	optionalId,
	optionalNumber,
	optionalText,
	requiredId,
	requiredText,
	seenVersion
} from './common';
import { joinIds } from './phase';

export type Topic = (typeof TOPICS)[number];
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** A long institute counts its days in hours; more than this in one event is a typing slip. */
export const MAX_TRAINING_HOURS = 500;

// Years outside this range are typing slips ("0202"), not records of this network.
const FIRST_YEAR = 1980;
const LAST_YEAR = 2100;

/** A 'YYYY-MM-DD' text that names a real calendar day (no 31 April). */
export function isCalendarDay(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const year = Number(s.slice(0, 4));
	if (year < FIRST_YEAR || year > LAST_YEAR) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A required day as 'YYYY-MM-DD' text, the form every date is stored in on both databases. */
export const dateText = z
	.string()
	.trim()
	.transform((s, ctx) => {
		if (s === '' || !isCalendarDay(s)) {
			ctx.addIssue({ code: 'custom', message: s === '' ? 'required' : 'date_invalid' });
			return z.NEVER;
		}
		return s;
	});

export const optionalDate = z
	.string()
	.trim()
	.transform((s, ctx) => {
		if (s === '') return null;
		if (!isCalendarDay(s)) {
			ctx.addIssue({ code: 'custom', message: 'date_invalid' });
			return z.NEVER;
		}
		return s;
	});

export const requiredNumber = (min: number, max: number, code: string) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			const n = Number(s.replace(',', '.'));
			if (s === '' || !Number.isFinite(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: s === '' ? 'required' : code });
				return z.NEVER;
			}
			return n;
		});

/** A menu left on "(none)" needs a choice; anything else off the list is tampering or a bad API call. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === '' ? 'required' : 'invalid') });

/** Topics travel as one text (see trainingFormRecord) and are stored joined by '|'. */
const topics = z
	.string()
	.transform((s) => [
		...new Set(
			s
				.split(/[|,]/)
				.map((t) => t.trim())
				.filter(Boolean)
		)
	])
	.refine((list) => list.every((t) => (TOPICS as readonly string[]).includes(t)), 'invalid')
	.refine((list) => list.length > 0, 'required')
	// Stored in the vocabulary's order, so an edit that only re-ticks boxes changes nothing.
	.transform((list) => TOPICS.filter((t) => list.includes(t)));

export const TRAINING_FIELDS = [
	'title',
	'kind',
	'startsOn',
	'endsOn',
	'place',
	'organizerId',
	'topics',
	'hours',
	'description',
	'version'
] as const;
export type TrainingField = (typeof TRAINING_FIELDS)[number];

export const trainingSchema = z
	.object({
		title: requiredText(2, 200),
		kind: choice(TRAINING_KINDS),
		startsOn: dateText,
		endsOn: optionalDate,
		place: optionalText(160),
		organizerId: optionalId,
		topics,
		hours: requiredNumber(0, MAX_TRAINING_HOURS, 'number_invalid'),
		description: optionalText(4000),
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		if (v.endsOn !== null && v.endsOn < v.startsOn) {
			ctx.addIssue({ code: 'custom', message: 'dates_order', path: ['endsOn'] });
		}
	});

export type TrainingInput = z.output<typeof trainingSchema>;

/** The stored '|'-joined topics as codes, dropping any the vocabulary no longer has. */
export function topicsOf(text: string | null | undefined): Topic[] {
	const list = (text ?? '').split('|');
	return TOPICS.filter((t) => list.includes(t));
}

export function topicsText(list: readonly string[]): string {
	return list.join('|');
}

/** formRecord keeps only the last of repeated names; the topics are all the ticked boxes. */
export function trainingFormRecord(data: FormData): Record<string, string> {
	return { ...formRecord(data), topics: joinIds(data.getAll('topics')) };
}

export const ATTENDEE_FIELDS = ['personId', 'coalitionId', 'hours'] as const;
export type AttendeeField = (typeof ATTENDEE_FIELDS)[number];

export const attendeeSchema = z.object({
	personId: requiredId,
	coalitionId: requiredId,
	// Empty means "the event's hours"; a number records someone who stayed only part of it.
	hours: optionalNumber(0, MAX_TRAINING_HOURS, 'number_invalid')
});

export type AttendeeInput = z.output<typeof attendeeSchema>;

/** The value of one option of the attendee menu: a person in one of their coalitions. */
export function attendeeChoice(personId: string, coalitionId: string): string {
	return `${personId}|${coalitionId}`;
}

/**
 * The page offers one menu of "person (coalition)"; the service takes the two ids. A posted
 * personId and coalitionId (the API's shape) are kept when there is no menu value.
 */
export function attendeeFormRecord(data: FormData): Record<string, string> {
	const record = formRecord(data);
	const chosen = record.attendee ?? '';
	if (!chosen) return record;
	const [personId = '', coalitionId = ''] = chosen.split('|');
	return { ...record, personId, coalitionId };
}
