import { localized } from '$lib/domain/network';
import type { ItemKind } from '$lib/domain/planning';
import { locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export { strategyLabel } from '$lib/labels';

export function itemKindLabel(kind: string): string {
	return (
		{
			problem: m.plan_kind_problem,
			root_cause: m.plan_kind_root_cause,
			local_condition: m.plan_kind_local_condition,
			strategy: m.plan_kind_strategy,
			activity: m.plan_kind_activity,
			outcome: m.plan_kind_outcome
		}[kind] ?? (() => kind)
	)();
}

/** Column headings of the one-page view. */
export function itemKindPlural(kind: string): string {
	return (
		{
			problem: m.plan_col_problem,
			root_cause: m.plan_col_root_cause,
			local_condition: m.plan_col_local_condition,
			strategy: m.plan_col_strategy,
			activity: m.plan_col_activity,
			outcome: m.plan_col_outcome
		}[kind] ?? (() => kind)
	)();
}

/** The button that opens the form for a new item of `kind`. */
export function addItemLabel(kind: string): string {
	return (
		{
			problem: m.plan_add_problem,
			root_cause: m.plan_add_root_cause,
			local_condition: m.plan_add_local_condition,
			strategy: m.plan_add_strategy,
			activity: m.plan_add_activity,
			outcome: m.plan_add_outcome
		}[kind] ?? (() => kind)
	)();
}

/** What may be added under an item of `kind`, in the order of the chain. */
export const CHILD_KINDS: Record<ItemKind, ItemKind[]> = {
	problem: ['root_cause'],
	root_cause: ['local_condition'],
	local_condition: ['strategy', 'outcome'],
	strategy: ['activity', 'outcome'],
	activity: [],
	outcome: []
};

export function outcomeTermLabel(term: string | null): string {
	if (!term) return '';
	return (
		{
			short: m.plan_term_short,
			intermediate: m.plan_term_intermediate,
			long: m.plan_term_long
		}[term] ?? (() => term)
	)();
}

export function modelStatusLabel(status: string): string {
	return (
		{
			draft: m.plan_status_draft,
			approved: m.plan_status_approved,
			archived: m.plan_status_archived
		}[status] ?? (() => status)
	)();
}

export function taskStatusLabel(status: string): string {
	return (
		{
			todo: m.task_status_todo,
			doing: m.task_status_doing,
			done: m.task_status_done,
			dropped: m.task_status_dropped
		}[status] ?? (() => status)
	)();
}

/** An item's text in the page's language, falling back to the other one. */
export function itemText(item: { textEs: string | null; textEn: string | null }): string {
	return localized(item.textEs, item.textEn, locale());
}

/** A number as people read it here (decimal comma in Spanish); empty for none. */
export function valueText(value: number | null | undefined): string {
	if (value === null || value === undefined) return '';
	return new Intl.NumberFormat(locale() === 'en' ? 'en-US' : 'es-PE', {
		maximumFractionDigits: 2
	}).format(value);
}
