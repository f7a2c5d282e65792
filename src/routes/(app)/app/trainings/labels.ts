import { SPF_STAGES, STRATEGIES, TOPICS } from '$lib/domain/capacity';
import type { Locale } from '$lib/domain/network';
import { m } from '$lib/paraglide/messages';

/** The training form's field labels, shared by the form, its error summary and the history. */
export function trainingFieldLabels(): Record<string, string> {
	return {
		title: m.training_field_title(),
		kind: m.training_field_kind(),
		startsOn: m.training_field_starts_on(),
		endsOn: m.training_field_ends_on(),
		place: m.training_field_place(),
		organizerId: m.training_field_organizer(),
		topics: m.training_field_topics(),
		hours: m.training_field_hours(),
		description: m.training_field_description(),
		attendee: m.training_history_attendee(),
		attendeeCoalitionId: m.training_history_attendee_coalition(),
		attendeeHours: m.training_history_attendee_hours()
	};
}

export function trainingKindLabel(kind: string): string {
	return (
		{
			local_workshop: m.training_kind_local_workshop,
			national_institute: m.training_kind_national_institute,
			international_institute: m.training_kind_international_institute,
			webinar: m.training_kind_webinar,
			site_visit: m.training_kind_site_visit
		}[kind] ?? (() => kind)
	)();
}

export function topicLabel(topic: string): string {
	return (
		{
			assessment: m.topic_assessment,
			capacity: m.topic_capacity,
			planning: m.topic_planning,
			implementation: m.topic_implementation,
			evaluation: m.topic_evaluation,
			sustainability: m.topic_sustainability,
			cultural_competence: m.topic_cultural_competence,
			provide_information: m.topic_provide_information,
			enhance_skills: m.topic_enhance_skills,
			provide_support: m.topic_provide_support,
			access_barriers: m.topic_access_barriers,
			change_consequences: m.topic_change_consequences,
			change_physical_design: m.topic_change_physical_design,
			modify_policies: m.topic_modify_policies
		}[topic] ?? (() => topic)
	)();
}

/** The topics in the groups people know them by: the SPF steps, the rest, the seven strategies. */
export function topicGroups(): { label: string; topics: string[] }[] {
	const grouped = new Set<string>([...SPF_STAGES, ...STRATEGIES]);
	return [
		{ label: m.training_topics_spf(), topics: [...SPF_STAGES] },
		{ label: m.training_topics_other(), topics: TOPICS.filter((t) => !grouped.has(t)) },
		{ label: m.training_topics_strategies(), topics: [...STRATEGIES] }
	];
}

const BCP47: Record<Locale, string> = { es: 'es-PE', en: 'en-US' };

/**
 * Stored days ('YYYY-MM-DD') read at noon UTC and written in UTC: formatDate's Lima time zone
 * would turn midnight UTC into the day before.
 */
const dayFormat = (locale: Locale) =>
	new Intl.DateTimeFormat(BCP47[locale], { dateStyle: 'long', timeZone: 'UTC' });
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** "20 de julio de 2026". */
export function dayLabel(day: string, locale: Locale): string {
	return dayFormat(locale).format(noon(day));
}

/** One day, or a range written the way the language shortens it ("20–23 de julio de 2026"). */
export function daysLabel(start: string, end: string | null, locale: Locale): string {
	if (!end || end === start) return dayLabel(start, locale);
	return dayFormat(locale).formatRange(noon(start), noon(end));
}

export function hoursText(hours: number, locale: Locale): string {
	return new Intl.NumberFormat(BCP47[locale], { maximumFractionDigits: 2 }).format(hours);
}
