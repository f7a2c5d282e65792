/**
 * Turning posted forms (or JSON bodies) into validated values. Schemas use error CODES as their
 * messages ('required', 'too_long', …); pages translate the codes, the API returns them as they are.
 */
import type { z } from 'zod';

export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

export type ParseResult<T, F extends string = string> =
	{ ok: true; value: T } | { ok: false; errors: FieldErrors<F>; values: Record<F, string> };

/** A form's fields as text: a missing field or a file counts as empty. */
export function formValues<F extends string>(
	input: Record<string, unknown>,
	fields: readonly F[]
): Record<F, string> {
	return Object.fromEntries(
		fields.map((f) => {
			const v = input[f];
			return [f, typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''];
		})
	) as Record<F, string>;
}

/** FormData to a plain record (the last value wins for repeated names). */
export function formRecord(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data.entries()) if (typeof value === 'string') out[key] = value;
	return out;
}

/** The first issue per field, as a code; anything unexpected becomes 'invalid'. */
export function issuesToErrors<F extends string>(
	issues: readonly z.core.$ZodIssue[],
	known?: ReadonlySet<string>
): FieldErrors<F> {
	const errors: FieldErrors<F> = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? '_form') as F;
		if (errors[field]) continue;
		const code = issue.message;
		errors[field] = /^[a-z_]+$/.test(code) && (!known || known.has(code)) ? code : 'invalid';
	}
	return errors;
}

export function parseForm<S extends z.ZodType, F extends string>(
	schema: S,
	input: Record<string, unknown>,
	fields: readonly F[]
): ParseResult<z.output<S>, F> {
	const values = formValues(input, fields);
	const parsed = schema.safeParse(values);
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, errors: issuesToErrors<F>(parsed.error.issues), values };
}
