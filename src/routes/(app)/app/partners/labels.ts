import { m } from '$lib/paraglide/messages';

/** The partner forms' field labels, shared by the forms, their error summaries and the history. */
export function partnerFieldLabels(): Record<string, string> {
	return {
		name: m.partner_name(),
		shortName: m.partner_short_name(),
		slug: m.partner_slug(),
		kind: m.partner_kind(),
		countryCode: m.partner_country(),
		website: m.partner_website(),
		descriptionEs: m.partner_description_es(),
		descriptionEn: m.partner_description_en(),
		role: m.partner_role(),
		phaseId: m.coalition_phase(),
		coalitionId: m.partner_coalition(),
		noteEs: m.partner_note_es(),
		noteEn: m.partner_note_en()
	};
}

/** Role labels begin lowercase for use inside sentences; lists and menus start with a capital. */
export function capitalized(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
