import { m } from '$lib/paraglide/messages';

/** The inbox's stable keys (message status, contact topic) in the current language. */

export function messageStatusLabel(status: string): string {
	return (
		{
			new: m.inbox_status_new,
			answered: m.inbox_status_answered,
			archived: m.inbox_status_archived
		}[status] ?? (() => status)
	)();
}

export function topicLabel(topic: string): string {
	return (
		{
			general: m.contact_topic_general,
			join: m.contact_topic_join,
			start_coalition: m.contact_topic_start_coalition,
			training: m.contact_topic_training,
			media: m.contact_topic_media,
			partnership: m.contact_topic_partnership,
			other: m.contact_topic_other
		}[topic] ?? (() => topic)
	)();
}

/** A moment in Lima's time, short enough for a table cell. */
export function when(iso: string, locale: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-PE', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'America/Lima'
	}).format(new Date(iso));
}
