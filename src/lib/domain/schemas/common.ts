import { z } from 'zod';

/** Building blocks for the workspace schemas; messages are error codes (see domain/forms.ts). */

export const requiredText = (min: number, max: number) =>
	z
		.string()
		.transform((s) => s.replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1, 'required').min(min, 'too_short').max(max, 'too_long'));

export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'too_long')
		.transform((s) => s || null);

export const optionalId = z
	.string()
	.trim()
	.max(100, 'invalid')
	.transform((s) => s || null);

export const requiredId = z.string().trim().min(1, 'required').max(100, 'invalid');

export const optionalInt = (min: number, max: number, code: string) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			if (s === '') return null;
			const n = Number(s);
			if (!Number.isInteger(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: code });
				return z.NEVER;
			}
			return n;
		});

export const optionalNumber = (min: number, max: number, code: string) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			if (s === '') return null;
			const n = Number(s.replace(',', '.'));
			if (!Number.isFinite(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: code });
				return z.NEVER;
			}
			return n;
		});

/** An HTML checkbox: present ("on") or absent. */
export const checkbox = z
	.string()
	.optional()
	.transform((s) => s === 'on' || s === 'true' || s === '1');

export const slugText = z
	.string()
	.trim()
	.toLowerCase()
	.max(80, 'too_long')
	.refine((s) => s === '' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s), 'slug_invalid')
	.transform((s) => s || null);

/** The record's updated_at as the form saw it: a save over someone else's newer change is refused. */
export const seenVersion = z.string().trim().max(40).optional();

export const MAX_YEAR = new Date().getUTCFullYear() + 1;
