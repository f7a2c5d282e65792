import { m } from '$lib/paraglide/messages';

/** The coalition form's field labels, shared by the form, its error summary and the history. */
export function coalitionFieldLabels(): Record<string, string> {
	return {
		name: m.coalition_name(),
		slug: m.coalition_slug(),
		placeId: m.coalition_place(),
		phaseId: m.coalition_phase(),
		phaseInferred: m.coalition_phase_inferred(),
		status: m.coalition_status(),
		foundedYear: m.coalition_founded(),
		seededByCoalitionId: m.coalition_seeded_by_coalition(),
		seededByOrganizationId: m.coalition_seeded_by_organization(),
		descriptionEs: m.coalition_description_es(),
		descriptionEn: m.coalition_description_en()
	};
}
