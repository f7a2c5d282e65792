/**
 * Labels for the everyday record (activity log and community changes), shared by the coalition
 * tabs and the network page.
 */
import { m } from '$lib/paraglide/messages';

/** The seven strategies for community change, named as the training topics name them. */
export function strategyLabel(code: string): string {
	return (
		{
			provide_information: m.topic_provide_information,
			enhance_skills: m.topic_enhance_skills,
			provide_support: m.topic_provide_support,
			access_barriers: m.topic_access_barriers,
			change_consequences: m.topic_change_consequences,
			change_physical_design: m.topic_change_physical_design,
			modify_policies: m.topic_modify_policies
		}[code] ?? (() => code)
	)();
}
export function activityKindLabel(kind: string): string {
	return (
		{
			community_action: m.activity_kind_community_action,
			community_change: m.activity_kind_community_change,
			development_activity: m.activity_kind_development_activity,
			service_provided: m.activity_kind_service_provided,
			dissemination: m.activity_kind_dissemination
		}[kind] ?? (() => kind)
	)();
}

export function changeKindLabel(kind: string): string {
	return (
		{
			program: m.community_change_kind_program,
			policy: m.community_change_kind_policy,
			practice: m.community_change_kind_practice
		}[kind] ?? (() => kind)
	)();
}

export function changeStatusLabel(status: string): string {
	return (
		{
			proposed: m.community_change_status_proposed,
			adopted: m.community_change_status_adopted,
			enforced: m.community_change_status_enforced
		}[status] ?? (() => status)
	)();
}

/** A logic-model text in the reader's language, falling back to the other one. */
export function itemText(
	item: { textEs: string | null; textEn: string | null },
	locale: string
): string {
	return (locale === 'en' ? (item.textEn ?? item.textEs) : (item.textEs ?? item.textEn)) ?? '';
}

export function milestoneLabel(
	milestone: { kind: string; titleEs: string; titleEn: string | null },
	locale: string
): string {
	const title = locale === 'en' ? (milestone.titleEn ?? milestone.titleEs) : milestone.titleEs;
	if (milestone.kind === 'plan') return m.community_change_milestone_plan({ title });
	if (milestone.kind === 'phase') return m.community_change_milestone_phase({ title });
	return m.community_change_milestone_training({ title });
}

/** The activity form's field labels, shared by the form and its error summary. */
export function activityFieldLabels(): Record<string, string> {
	return {
		happenedOn: m.activity_happened_on(),
		description: m.activity_description(),
		taskId: m.activity_task(),
		strategyCode: m.activity_strategy(),
		kind: m.activity_kind(),
		reachedYouthF: m.activity_youth_f(),
		reachedYouthM: m.activity_youth_m(),
		reachedAdultF: m.activity_adult_f(),
		reachedAdultM: m.activity_adult_m(),
		reachedTotal: m.activity_total(),
		sectors: m.activity_sectors_legend(),
		volunteers: m.activity_volunteers(),
		volunteerHours: m.activity_volunteer_hours(),
		mediaCoverage: m.activity_media(),
		resources: m.activity_resources(),
		inKindValue: m.activity_in_kind(),
		clientDraftId: m.activity_new()
	};
}

export function changeFieldLabels(): Record<string, string> {
	return {
		kind: m.community_change_kind(),
		title: m.community_change_title(),
		description: m.community_change_description(),
		sector: m.community_change_sector(),
		localConditionItemId: m.community_change_condition(),
		happenedOn: m.community_change_happened_on(),
		evidence: m.community_change_evidence(),
		status: m.community_change_status()
	};
}

/** The change chart's texts, the same on the coalition and network pages. */
export function changeChartLabels() {
	return {
		month: m.community_change_month(),
		inMonth: m.community_change_in_month(),
		cumulative: m.community_change_cumulative(),
		keyEvents: m.community_change_key_events(),
		policy: m.community_change_legend_policy(),
		milestone: m.community_change_legend_milestone(),
		table: m.community_change_table_toggle()
	};
}

const BCP47: Record<string, string> = { es: 'es-PE', en: 'en-US' };

/** 'YYYY-MM' as people say it ("junio de 2026", "June 2026"). */
export function monthLabel(month: string, locale: string): string {
	return new Intl.DateTimeFormat(BCP47[locale] ?? locale, {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${month}-15T00:00:00Z`));
}
