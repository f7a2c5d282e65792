import type { FieldErrors } from '$lib/domain/forms';

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };
export type UpdateResult = SaveResult | { status: 'stale'; values: Record<string, string> };

export function invalid(errors: FieldErrors, values: Record<string, string>) {
	return { status: 'invalid' as const, errors, values };
}

export function hasErrors(errors: FieldErrors): boolean {
	return Object.keys(errors).length > 0;
}

/** A number as a form shows it: empty for none. */
export function numText(n: number | null | undefined): string {
	return n === null || n === undefined ? '' : String(n);
}
