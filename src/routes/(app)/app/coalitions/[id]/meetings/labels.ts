import type { Locale } from '$lib/domain/network';
import { m } from '$lib/paraglide/messages';

export { sectorLabel } from '$lib/labels';

const BCP47: Record<Locale, string> = { es: 'es-PE', en: 'en-US' };

export function meetingKindLabel(kind: string): string {
	return (
		{
			coalition: m.meeting_kind_coalition,
			committee: m.meeting_kind_committee,
			community: m.meeting_kind_community,
			training: m.meeting_kind_training,
			other: m.meeting_kind_other
		}[kind] ?? (() => kind)
	)();
}

/** A member's name, or the anonymous label once their data was erased. */
export function personLabel(name: string | null): string {
	return name ?? m.attendance_anonymous();
}

/**
 * A calendar day stored as 'YYYY-MM-DD'. Read as UTC midnight and shown in UTC: shown in Lima's
 * time zone, midnight UTC would fall on the day before.
 */
import { formatDay } from '$lib/format';

export { formatDay };

/** The dates a history shows for a field, each said the way people read dates. */
export function dayLabels(
	history: { changes: { field: string; before: unknown; after: unknown }[] }[],
	field: string,
	locale: Locale
): Record<string, string> {
	return Object.fromEntries(
		history
			.flatMap((h) => h.changes)
			.filter((c) => c.field === field)
			.flatMap((c) => [c.before, c.after])
			.filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
			.map((v) => [v, formatDay(v, locale)])
	);
}

/** A rate from 0 to 1 as a whole percentage; no rate when no one was expected. */
export function formatRate(rate: number | null, locale: Locale): string {
	if (rate === null) return m.attendance_no_rate();
	return new Intl.NumberFormat(BCP47[locale], {
		style: 'percent',
		maximumFractionDigits: 0
	}).format(rate);
}

/** The meeting form's field labels, shared by the form, its error summary and the history. */
export function meetingFieldLabels(): Record<string, string> {
	return {
		heldOn: m.meeting_held_on(),
		kind: m.meeting_kind(),
		title: m.meeting_title_field(),
		guestsCount: m.meeting_guests(),
		decisions: m.meeting_decisions(),
		attendees: m.meeting_members_present(),
		attendeeIds: m.meeting_members_present()
	};
}
