import { GOAL_ROWS, parseGoalsText, type PhaseGoalInput } from '$lib/domain/schemas/phase';
import { m } from '$lib/paraglide/messages';

/** The phase form's field labels, shared by the form, its error summary and the history. */
export function phaseFieldLabels(): Record<string, string> {
	const labels: Record<string, string> = {
		number: m.phase_number(),
		nameEs: m.phase_name_es(),
		nameEn: m.phase_name_en(),
		startYear: m.phase_start_year(),
		endYear: m.phase_end_year(),
		summaryEs: m.phase_summary_es(),
		summaryEn: m.phase_summary_en(),
		targetPlaceIds: m.phase_target_places(),
		goals: m.phase_goals(),
		targetPlaces: m.phase_target_places()
	};
	for (const i of GOAL_ROWS) {
		const row = m.phase_goal_n({ number: i });
		labels[`goalMetric${i}`] = `${row}: ${m.phase_goal_metric()}`;
		labels[`goalTarget${i}`] = `${row}: ${m.phase_goal_target()}`;
		labels[`goalByYear${i}`] = `${row}: ${m.phase_goal_by_year()}`;
	}
	return labels;
}

export function goalMetricLabel(metric: string): string {
	return (
		{
			coalitions: m.goal_metric_coalitions,
			districts: m.goal_metric_districts,
			cities: m.goal_metric_cities,
			communities: m.goal_metric_communities
		}[metric] ?? (() => metric)
	)();
}

/** "40 coaliciones al 2009". */
export function goalText(goal: PhaseGoalInput): string {
	const count = (
		{
			coalitions: m.goal_coalitions,
			districts: m.goal_districts,
			cities: m.goal_cities,
			communities: m.goal_communities
		}[goal.metric] ?? ((p: { count: number }) => `${p.count} ${goal.metric}`)
	)({ count: goal.target });
	return goal.byYear === null ? count : `${count} ${m.home_goal_by_year({ year: goal.byYear })}`;
}

/** The goals as the audit trail stores them, said in the reader's language. */
export function goalsAuditLabel(text: string): string {
	const goals = parseGoalsText(text);
	return goals ? goals.map(goalText).join('; ') : text;
}
