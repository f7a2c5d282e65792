import { m } from '$lib/paraglide/messages';

const messages = m as unknown as Record<string, ((inputs?: object) => string) | undefined>;

/**
 * Validation codes (from the Zod schemas and services) as sentences in the current language: code
 * `foo` is message `err_foo` in messages/. An unknown code reads as "not valid" rather than leaking
 * the code itself.
 */
export function errorText(code: string | undefined): string {
	if (!code) return '';
	const text = /^[a-z_]+$/.test(code) ? messages[`err_${code}`] : undefined;
	return (text ?? m.err_invalid)();
}
