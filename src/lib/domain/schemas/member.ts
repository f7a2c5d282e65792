import { z } from 'zod';
import {
	AGE_GROUPS,
	CONSENT_METHODS,
	GENDERS,
	MEMBER_ROLES,
	SECTORS,
	type AgeGroup
} from '../capacity';
import { ageGroupFor, ageGroupMatches, isMinor } from '../members';
import { optionalInt, optionalText, requiredText, seenVersion } from './common';

/** A person and their membership in one coalition: the add and edit forms. */
export const MEMBER_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'phone',
	'gender',
	'birthYear',
	'ageGroup',
	'role',
	'sector',
	'organizationName',
	'startedOn',
	'endedOn',
	'version'
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

/** A guardian's consent for a minor's details to be kept. */
export const CONSENT_FIELDS = [
	'guardianName',
	'relationship',
	'method',
	'consentedOn',
	'documentRef'
] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** Joining one more coalition: the membership fields alone. */
export const MEMBERSHIP_FIELDS = [
	'coalitionId',
	'role',
	'sector',
	'organizationName',
	'startedOn'
] as const;
export type MembershipField = (typeof MEMBERSHIP_FIELDS)[number];

export const END_MEMBERSHIP_FIELDS = ['endedOn'] as const;

/** A real calendar day written 'YYYY-MM-DD' (what a date input sends). */
export function isDateText(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const [y, m, d] = s.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An optional date, null when empty; `notAfter` refuses days after it with 'date_future'. */
export const optionalDate = (notAfter?: string) =>
	z
		.string()
		.trim()
		.refine((s) => s === '' || isDateText(s), 'date_invalid')
		.refine((s) => s === '' || !notAfter || s <= notAfter, 'date_future')
		.transform((s) => s || null);

export const dateText = (notAfter?: string) =>
	z
		.string()
		.trim()
		.min(1, 'required')
		.refine(isDateText, 'date_invalid')
		.refine((s) => !notAfter || s <= notAfter, 'date_future');

/** A menu left on "(none)" needs a choice; anything else off the list is tampering. */
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === '' ? 'required' : 'invalid') });

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z
		.string()
		.trim()
		.refine((s) => s === '' || (values as readonly string[]).includes(s), 'invalid')
		.transform((s) => (s || null) as T[number] | null);

const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(200, 'too_long')
	.refine((s) => s === '' || z.email().safeParse(s).success, 'email_invalid')
	.transform((s) => s || null);

/** Peruvian mobiles and landlines, with or without +51, spaces, dashes or parentheses. */
const phone = z
	.string()
	.trim()
	.max(30, 'too_long')
	.refine((s) => s === '' || /^\+?[\d\s()-]{6,30}$/.test(s), 'invalid')
	.transform((s) => s.replace(/\s+/g, ' ') || null);

/**
 * The add and edit form. `today` (in Lima) bounds the dates and the ages. Whether a minor's details
 * may be kept depends on a recorded consent, which only the service knows: see consentErrors.
 */
export const memberSchema = (today: string) =>
	z
		.object({
			firstName: requiredText(1, 60),
			lastName: optionalText(80),
			email,
			phone,
			gender: optionalChoice(GENDERS),
			birthYear: optionalInt(1900, Number(today.slice(0, 4)), 'year_invalid'),
			ageGroup: optionalChoice(AGE_GROUPS),
			role: choice(MEMBER_ROLES),
			sector: choice(SECTORS),
			organizationName: optionalText(120),
			startedOn: dateText(today),
			endedOn: optionalDate(today),
			version: seenVersion
		})
		.superRefine((v, ctx) => {
			if (v.birthYear === null && v.ageGroup === null) {
				ctx.addIssue({ code: 'custom', message: 'age_required', path: ['ageGroup'] });
			}
			if (v.birthYear !== null && v.ageGroup && !ageGroupMatches(v.ageGroup, v.birthYear, today)) {
				ctx.addIssue({ code: 'custom', message: 'age_mismatch', path: ['ageGroup'] });
			}
			if (v.role === 'youth_member' && !isMinor(v.ageGroup, v.birthYear, today)) {
				ctx.addIssue({ code: 'custom', message: 'youth_member_age', path: ['role'] });
			}
			if (v.endedOn && v.endedOn < v.startedOn) {
				ctx.addIssue({ code: 'custom', message: 'dates_order', path: ['endedOn'] });
			}
		})
		// The age group is what stays after an erasure and what counts use: keep it filled.
		.transform((v) => ({
			...v,
			ageGroup: (v.ageGroup ?? ageGroupFor(v.birthYear as number, today)) as AgeGroup
		}));

export type MemberInput = z.output<ReturnType<typeof memberSchema>>;

export const consentSchema = (today: string) =>
	z.object({
		guardianName: requiredText(2, 120),
		relationship: requiredText(2, 60),
		method: choice(CONSENT_METHODS),
		consentedOn: dateText(today),
		documentRef: optionalText(200)
	});

export type ConsentInput = z.output<ReturnType<typeof consentSchema>>;

/** Whether the add form's consent part was filled in at all (an empty part is simply absent). */
export function hasConsentInput(values: Partial<Record<ConsentField, string>>): boolean {
	return CONSENT_FIELDS.some((f) => (values[f] ?? '').trim() !== '');
}

export const membershipSchema = (today: string) =>
	z.object({
		coalitionId: z.string().trim().min(1, 'required').max(100, 'invalid'),
		role: choice(MEMBER_ROLES),
		sector: choice(SECTORS),
		organizationName: optionalText(120),
		startedOn: dateText(today)
	});

export type MembershipInput = z.output<ReturnType<typeof membershipSchema>>;

/** Ending a membership: the last day, not before it started (the service checks that). */
export const endMembershipSchema = (today: string) => z.object({ endedOn: dateText(today) });

/**
 * Whether typed (not yet valid) values describe a minor, so the consent rule can be reported in
 * the same answer as the other mistakes instead of one round later.
 */
export function minorFromValues(
	values: { ageGroup?: string; birthYear?: string },
	today: string
): boolean {
	const year = Number((values.birthYear ?? '').trim());
	const birthYear = (values.birthYear ?? '').trim() !== '' && Number.isInteger(year) ? year : null;
	return isMinor((values.ageGroup ?? '').trim() || null, birthYear, today);
}
