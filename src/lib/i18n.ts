import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/domain/network';

/** The current locale, typed for the domain helpers. */
export function locale(): Locale {
	return getLocale() === 'en' ? 'en' : 'es';
}

/** A link to a path of this site, in the current language. */
export function href(path: string): string {
	return localizeHref(path);
}
