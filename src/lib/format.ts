import type { Locale } from '$lib/domain/network';

const BCP47: Record<Locale, string> = { es: 'es-PE', en: 'en-US' };

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(BCP47[locale]).format(value);
}

/** A calendar date ("27 de noviembre de 2026" / "November 27, 2026"), in Lima's time zone. */
export function formatDate(iso: string, locale: Locale): string {
	return new Intl.DateTimeFormat(BCP47[locale], {
		dateStyle: 'long',
		timeZone: 'America/Lima'
	}).format(new Date(iso));
}

/** "2004–2009", or "2015–" when the period is still open. */
export function formatYears(start: number, end: number | null): string {
	return end ? (end === start ? String(start) : `${start}–${end}`) : `${start}–`;
}

/**
 * A calendar day stored as 'YYYY-MM-DD' ("27 nov. 2026"). Read as UTC on purpose: the text is a
 * day, not an instant, so no time zone may move it to the day before.
 */
export function formatDay(
	day: string,
	locale: Locale,
	style: 'medium' | 'long' = 'medium'
): string {
	const d = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(d.getTime())) return day;
	return new Intl.DateTimeFormat(BCP47[locale], { dateStyle: style, timeZone: 'UTC' }).format(d);
}
