import { m } from '$lib/paraglide/messages';

/** The place form's field labels, shared by the form, its error summary and the history. */
export function placeFieldLabels(): Record<string, string> {
	return {
		name: m.place_name(),
		nameEn: m.place_name_en(),
		kind: m.place_kind(),
		parentId: m.place_parent(),
		ubigeo: m.place_ubigeo(),
		latitude: m.place_latitude(),
		longitude: m.place_longitude(),
		coordsApproximate: m.place_coords_approximate(),
		aliases: m.place_aliases(),
		note: m.place_note(),
		archivedAt: m.place_archived_at()
	};
}
