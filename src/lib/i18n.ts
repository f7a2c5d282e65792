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

/** The query a language switch keeps: a form action's `?/name` is dropped. */
export function pageQuery(url: URL): string {
	const kept = [...url.searchParams.entries()].filter(([key]) => !key.startsWith('/'));
	return kept.length ? '?' + new URLSearchParams(kept).toString() : '';
}
