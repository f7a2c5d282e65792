import { z } from 'zod';
import { ORGANIZATION_KINDS, PARTNER_ROLES } from '../network';
import { slugify } from '../text';
import { optionalId, optionalText, requiredText, seenVersion, slugText } from './common';

export const ORGANIZATION_FIELDS = [
	'name',
	'shortName',
	'slug',
	'kind',
	'countryCode',
	'website',
	'descriptionEs',
	'descriptionEn',
	'version'
] as const;
export type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];

export const PARTNER_ROLE_FIELDS = ['role', 'phaseId', 'coalitionId', 'noteEs', 'noteEn'] as const;
export type PartnerRoleField = (typeof PARTNER_ROLE_FIELDS)[number];

/** A new partner arrives with its first role: an organization only shows in a network through one. */
export const NEW_PARTNER_FIELDS = [...ORGANIZATION_FIELDS, ...PARTNER_ROLE_FIELDS] as const;
export type NewPartnerField = (typeof NEW_PARTNER_FIELDS)[number];

const countryCode = z
	.string()
	.trim()
	.toUpperCase()
	.refine((s) => s === '' || /^[A-Z]{2}$/.test(s), 'invalid')
	.transform((s) => s || null);

const website = z
	.string()
	.trim()
	.max(300, 'too_long')
	.refine((s) => s === '' || isWebAddress(s), 'url_invalid')
	.transform((s) => s || null);

function isWebAddress(s: string): boolean {
	try {
		const url = new URL(s);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
	} catch {
		return false;
	}
}

/** A menu left on "(none)" needs a choice; anything else off the list is tampering or a bad API call. */
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === '' ? 'required' : 'invalid') });

const organizationShape = {
	name: requiredText(2, 200),
	shortName: optionalText(40),
	slug: slugText,
	kind: choice(ORGANIZATION_KINDS),
	countryCode,
	website,
	descriptionEs: optionalText(2000),
	descriptionEn: optionalText(2000),
	version: seenVersion
};

const partnerRoleShape = {
	role: choice(PARTNER_ROLES),
	phaseId: optionalId,
	coalitionId: optionalId,
	noteEs: optionalText(500),
	noteEn: optionalText(500)
};

/**
 * An empty slug is made from the acronym (what people call the organization) or else the name.
 * A name of only non-Latin letters slugifies to nothing, so then the person has to type one.
 */
function withSlug<T extends { name: string; shortName: string | null; slug: string | null }>(
	v: T,
	ctx: z.RefinementCtx
): Omit<T, 'slug'> & { slug: string } {
	const slug = v.slug ?? slugify(v.shortName ?? v.name);
	if (!slug) ctx.addIssue({ code: 'custom', message: 'required', path: ['slug'] });
	return { ...v, slug };
}

export const organizationSchema = z.object(organizationShape).transform(withSlug);
export type OrganizationInput = z.output<typeof organizationSchema>;

export const partnerRoleSchema = z.object(partnerRoleShape);
export type PartnerRoleInput = z.output<typeof partnerRoleSchema>;

export const newPartnerSchema = z
	.object({ ...organizationShape, ...partnerRoleShape })
	.transform(withSlug);
export type NewPartnerInput = z.output<typeof newPartnerSchema>;
