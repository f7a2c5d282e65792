import { m } from '$lib/paraglide/messages';

/** Validation codes (from the Zod schemas in src/lib/domain) as sentences in the current language. */
const texts: Record<string, () => string> = {
	required: m.err_required,
	invalid: m.err_invalid,
	too_short: m.err_too_short,
	too_long: m.err_too_long,
	email_invalid: m.err_email_invalid,
	password_too_short: m.err_password_too_short,
	passwords_differ: m.err_passwords_differ,
	not_found: m.err_not_found,
	year_invalid: m.err_year_invalid,
	years_order: m.err_years_order,
	number_invalid: m.err_number_invalid,
	latitude_invalid: m.err_latitude_invalid,
	longitude_invalid: m.err_longitude_invalid,
	coordinates_pair: m.err_coordinates_pair,
	ubigeo_invalid: m.err_ubigeo_invalid,
	slug_invalid: m.err_slug_invalid,
	slug_taken: m.err_slug_taken,
	parent_cycle: m.err_parent_cycle,
	url_invalid: m.err_url_invalid,
	seeded_by_both: m.err_seeded_by_both,
	seeded_by_self: m.err_seeded_by_self,
	number_taken: m.err_number_taken,
	stale: m.err_stale
};

export function errorText(code: string | undefined): string {
	if (!code) return '';
	return (texts[code] ?? m.err_invalid)();
}
