import { m } from '$lib/paraglide/messages';

/** A yes/no cell in the reader's language (a bare true/false reads as code in a spreadsheet). */
export function yesNo(value: boolean): string {
	return value ? m.export_yes() : m.export_no();
}

/** The day of an ISO timestamp, for date columns. */
export function dayOf(iso: string | null | undefined): string | null {
	return iso ? iso.slice(0, 10) : null;
}
