import { formatDay as formatDayOf } from '$lib/format';
import { m } from '$lib/paraglide/messages';

/** Labels for the stage vocabulary, shared by the network view and each coalition's stage tab. */

export function spfStageLabel(stage: string | null): string {
	if (!stage) return m.spf_none();
	return (
		{
			assessment: m.spf_assessment,
			capacity: m.spf_capacity,
			planning: m.spf_planning,
			implementation: m.spf_implementation,
			evaluation: m.spf_evaluation
		}[stage] ?? (() => stage)
	)();
}

export function productLabel(product: string): string {
	return (
		{
			community_assessment: m.product_community_assessment,
			logic_model: m.product_logic_model,
			strategic_action_plan: m.product_strategic_action_plan,
			evaluation_plan: m.product_evaluation_plan,
			sustainability_plan: m.product_sustainability_plan
		}[product] ?? (() => product)
	)();
}

export function productStatusLabel(status: string): string {
	return (
		{
			not_started: m.product_status_not_started,
			draft: m.product_status_draft,
			submitted: m.product_status_submitted,
			approved: m.product_status_approved
		}[status] ?? (() => status)
	)();
}

export function productActionLabel(action: string): string {
	return (
		{
			start: m.product_action_start,
			save: m.product_action_save,
			submit: m.product_action_submit,
			approve: m.product_action_approve,
			return: m.product_action_return,
			comment: m.product_action_comment,
			reopen: m.product_action_reopen
		}[action] ?? (() => action)
	)();
}

const BCP47 = { es: 'es-PE', en: 'en-US' } as const;

/**
 * A 'YYYY-MM-DD' calendar day. Read as UTC midnight and shown in UTC: in Lima's time zone that
 * instant is still the day before.
 */
/** A stored day, in full ("27 de noviembre de 2026"). */
export function formatDay(day: string, locale: 'es' | 'en'): string {
	return formatDayOf(day, locale, 'long');
}

/** When a comment was written, in Lima's time. */
export function formatMoment(iso: string, locale: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(BCP47[locale], {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'America/Lima'
	}).format(new Date(iso));
}
