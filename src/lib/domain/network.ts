/** The vocabulary of the core model. Keys are stable identifiers; labels live in messages/. */

export const PLACE_KINDS = [
	'program_region',
	'department',
	'province',
	'district',
	'city',
	'community'
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const ORGANIZATION_KINDS = [
	'international_trainer',
	'national_ngo',
	'funder',
	'local_government',
	'community_group'
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const PARTNER_ROLES = [
	'training_ta',
	'implementation',
	'funding',
	'local_government',
	'community',
	'coordination'
] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const COALITION_STATUSES = ['forming', 'active', 'inactive', 'archived'] as const;
export type CoalitionStatus = (typeof COALITION_STATUSES)[number];

/** What a phase's stated goal counts. */
export const GOAL_METRICS = ['coalitions', 'districts', 'cities', 'communities'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export type Locale = 'es' | 'en';

/** Picks the text for a locale, falling back to Spanish (the base locale). */
export function localized(
	es: string | null | undefined,
	en: string | null | undefined,
	locale: Locale
): string {
	return (locale === 'en' ? en || es : es || en) ?? '';
}
