/**
 * Calendar days where the network works. Days are stored as 'YYYY-MM-DD' text, which sorts like
 * the calendar. The server's clock is UTC: at 8 p.m. in Lima it already reads tomorrow, so
 * "today" must be Lima's.
 */

export const NETWORK_TIME_ZONE = 'America/Lima';

/** Today as 'YYYY-MM-DD' in the network's time zone. */
export function todayInLima(now: Date = new Date(), timeZone = NETWORK_TIME_ZONE): string {
	// en-CA writes dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}
