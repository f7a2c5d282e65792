import type { Locale } from '$lib/domain/network';
import { m } from '$lib/paraglide/messages';

/** Bar colours from the palette, each at least 3:1 against white (WCAG non-text contrast). */
export const CHART_COLORS = ['#a3472a', '#2f6b4f', '#1f6391'];

export function changeKindLabel(kind: string): string {
	return (
		{
			program: m.dash_change_program,
			policy: m.dash_change_policy,
			practice: m.dash_change_practice
		}[kind] ?? (() => kind)
	)();
}

/** A measure's percentage for a table: the count behind it, or why there is none. */
export function percentText(
	p: { percent: number | null; suppressed: boolean },
	locale: Locale,
	suppressedLabel: string
): string {
	if (p.suppressed) return suppressedLabel;
	if (p.percent === null) return '—';
	const nf = new Intl.NumberFormat(locale === 'es' ? 'es-PE' : 'en-US', {
		maximumFractionDigits: 1
	});
	return `${nf.format(p.percent)} %`;
}
