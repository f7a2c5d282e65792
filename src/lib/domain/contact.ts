/**
 * The public contact form: what a valid message is, and the anti-spam rules. Pure: the service
 * does the storing and the route turns the error codes into sentences in the visitor's language.
 */
import { z } from 'zod';

export const CONTACT_TOPICS = [
	'general',
	'join',
	'start_coalition',
	'training',
	'media',
	'partnership',
	'other'
] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

/** Shared with the page's `maxlength`/hints so the browser and the server agree. */
export const CONTACT_LIMITS = {
	nameMin: 2,
	nameMax: 120,
	emailMax: 200,
	messageMin: 10,
	messageMax: 5000,
	coalitionMax: 100
} as const;

/** At most `max` accepted messages per address in any `windowMs`. */
export const CONTACT_RATE_LIMIT = { max: 5, windowMs: 60 * 60 * 1000 } as const;

export const CONTACT_ERROR_CODES = [
	'required',
	'invalid',
	'name_too_short',
	'name_too_long',
	'email_invalid',
	'email_too_long',
	'topic_invalid',
	'message_too_short',
	'message_too_long',
	'coalition_unknown',
	'honeypot_filled'
] as const;
export type ContactErrorCode = (typeof CONTACT_ERROR_CODES)[number];

/** The fields a visitor sees, in the order of the form (and of the error summary). */
export const CONTACT_FIELDS = ['name', 'email', 'topic', 'message', 'coalition'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
/** Named like a field bots love to fill; people never see it. */
export const HONEYPOT_FIELD = 'website';

export type ContactValues = Record<ContactField, string>;
export type ContactErrors = Partial<Record<ContactField | typeof HONEYPOT_FIELD, ContactErrorCode>>;

const L = CONTACT_LIMITS;

export const contactSchema = z.object({
	// Whitespace runs (line breaks included) become one space: the name goes into a mail subject.
	name: z
		.string()
		.transform((s) => s.replace(/\s+/g, ' ').trim())
		.pipe(
			z.string().min(1, 'required').min(L.nameMin, 'name_too_short').max(L.nameMax, 'name_too_long')
		),
	email: z
		.string()
		.trim()
		.min(1, 'required')
		.max(L.emailMax, 'email_too_long')
		.pipe(z.email('email_invalid')),
	topic: z.string().trim().min(1, 'required').pipe(z.enum(CONTACT_TOPICS, 'topic_invalid')),
	message: z
		.string()
		.trim()
		.min(1, 'required')
		.min(L.messageMin, 'message_too_short')
		.max(L.messageMax, 'message_too_long'),
	coalition: z
		.string()
		.trim()
		.max(L.coalitionMax, 'coalition_unknown')
		.regex(/^[a-z0-9-]*$/, 'coalition_unknown')
		.optional()
		.transform((s) => s || undefined),
	website: z.string().max(0, 'honeypot_filled').optional()
});

export type ContactInput = z.output<typeof contactSchema>;

export type ContactParseResult =
	{ ok: true; value: ContactInput } | { ok: false; errors: ContactErrors; values: ContactValues };

/** A form field as text: a missing field or a file upload counts as empty. */
function text(form: Record<string, unknown>, key: string): string {
	const v = form[key];
	return typeof v === 'string' ? v : '';
}

/** What the visitor typed, as typed, to put back in the form after an error. */
export function contactValues(form: Record<string, unknown>): ContactValues {
	return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, text(form, f)])) as ContactValues;
}

export function isHoneypotFilled(form: Record<string, unknown>): boolean {
	return text(form, HONEYPOT_FIELD).trim() !== '';
}

const knownCodes = new Set<string>(CONTACT_ERROR_CODES);

export function parseContactForm(form: Record<string, unknown>): ContactParseResult {
	const input = Object.fromEntries(
		[...CONTACT_FIELDS, HONEYPOT_FIELD].map((f) => [f, text(form, f)])
	);
	const parsed = contactSchema.safeParse(input);
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: ContactErrors = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as keyof ContactErrors;
		// The first issue is the most useful one: "required" comes before "too short".
		if (errors[field]) continue;
		errors[field] = knownCodes.has(issue.message) ? (issue.message as ContactErrorCode) : 'invalid';
	}
	return { ok: false, errors, values: contactValues(form) };
}

/** True when one more message would exceed the limit, given those already counted in the window. */
export function isOverLimit(
	countInWindow: number,
	limit: number = CONTACT_RATE_LIMIT.max
): boolean {
	return countInWindow >= limit;
}

/**
 * The address a visitor is counted under. An IPv4 address seen through an IPv6 socket is the same
 * visitor, and one IPv6 connection usually owns a whole /64, so counting single IPv6 addresses would
 * let anyone change address at every message.
 */
export function rateLimitSubject(address: string): string {
	const a = address.trim().toLowerCase();
	const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
	if (mapped) return mapped[1];
	if (!a.includes(':')) return a;
	const groups = expandIpv6(a.replace(/%.*$/, ''));
	return groups ? groups.slice(0, 4).join(':') + '::/64' : a;
}

function expandIpv6(a: string): string[] | null {
	const halves = a.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
