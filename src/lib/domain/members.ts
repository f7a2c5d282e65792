/**
 * People in coalitions: who counts as a minor, what may be kept about a minor before a guardian
 * has consented, and which of the twelve sectors a coalition has active representatives in.
 * Dates are 'YYYY-MM-DD' text, compared as text (the format sorts like the calendar).
 */
import { MINOR_AGE_GROUPS, SECTORS, type AgeGroup, type Sector } from './capacity';

export { todayInLima } from './dates';

function yearOf(today: string): number {
	return Number(today.slice(0, 4));
}

/**
 * A birth year makes a person a minor when this year minus it is under 18; failing that, the age
 * group decides. A year alone cannot tell whether this year's birthday has passed, so someone
 * born in 2008 whose age group says 15–17 is still protected in 2026.
 */
export function isMinor(
	ageGroup: string | null | undefined,
	birthYear: number | null | undefined,
	today: string
): boolean {
	if (birthYear !== null && birthYear !== undefined && yearOf(today) - birthYear < 18) return true;
	return MINOR_AGE_GROUPS.includes(ageGroup as AgeGroup);
}

/** The age group a birth year puts a person in this year. */
export function ageGroupFor(birthYear: number, today: string): AgeGroup {
	const age = yearOf(today) - birthYear;
	if (age < 15) return 'under_15';
	if (age < 18) return '15_17';
	if (age < 30) return '18_29';
	if (age < 60) return '30_59';
	return '60_plus';
}

/**
 * Whether a birth year and an age group can both be true. A year alone cannot say whether this
 * year's birthday has passed, so either of the two ages it allows is accepted.
 */
export function ageGroupMatches(ageGroup: string, birthYear: number, today: string): boolean {
	const yearBefore = `${yearOf(today) - 1}${today.slice(4)}`;
	return (
		ageGroup === ageGroupFor(birthYear, today) || ageGroup === ageGroupFor(birthYear, yearBefore)
	);
}

/** A minor's details beyond a first name and an age group wait for a guardian's consent. */
export function minorDetailsAllowed(hasConsent: boolean): boolean {
	return hasConsent;
}

/**
 * The form fields that identify or reach a person (the organization too: "Colegio San José,
 * municipio escolar" narrows a child down to a handful). A minor without consent keeps none.
 */
export const CONSENT_GUARDED_FIELDS = [
	'lastName',
	'email',
	'phone',
	'gender',
	'birthYear',
	'organizationName'
] as const;
export type ConsentGuardedField = (typeof CONSENT_GUARDED_FIELDS)[number];

/**
 * 'consent_required' on every guarded field that holds something, for a minor without consent;
 * nothing otherwise. Empty values (null, '', undefined) are fine.
 */
export function consentErrors(
	values: Partial<Record<ConsentGuardedField, unknown>>,
	minor: boolean,
	hasConsent: boolean
): Partial<Record<ConsentGuardedField, 'consent_required'>> {
	if (!minor || minorDetailsAllowed(hasConsent)) return {};
	const errors: Partial<Record<ConsentGuardedField, 'consent_required'>> = {};
	for (const field of CONSENT_GUARDED_FIELDS) {
		const v = values[field];
		if (v !== null && v !== undefined && String(v).trim() !== '')
			errors[field] = 'consent_required';
	}
	return errors;
}

export interface MembershipDates {
	started_on: string;
	ended_on: string | null;
}

/** Active on a day: started by then and not ended before it (the last day still counts). */
export function isActiveMembership(m: MembershipDates, today: string): boolean {
	return m.started_on <= today && (m.ended_on === null || m.ended_on >= today);
}

export interface SectorCoverage {
	/** every sector, in the canonical order, with its number of active representatives */
	sectors: { sector: Sector; active: number }[];
	represented: number;
	/** sectors without an active representative, in the canonical order */
	gaps: Sector[];
	/** active memberships in all sectors */
	total: number;
}

export function sectorCoverage(
	memberships: readonly (MembershipDates & { sector: string })[],
	today: string
): SectorCoverage {
	const counts = new Map<string, number>();
	for (const m of memberships) {
		if (isActiveMembership(m, today)) counts.set(m.sector, (counts.get(m.sector) ?? 0) + 1);
	}
	const sectors = SECTORS.map((sector) => ({ sector, active: counts.get(sector) ?? 0 }));
	return {
		sectors,
		represented: sectors.filter((s) => s.active > 0).length,
		gaps: sectors.filter((s) => s.active === 0).map((s) => s.sector),
		total: sectors.reduce((sum, s) => sum + s.active, 0)
	};
}

/** Stored instead of an erased person's first name; pages show a message in its place. */
export const ANONYMOUS_NAME = 'anon';
