/**
 * Planning and action (issue 7): the logic model's chain, the action plan, the activity log,
 * community and system changes, and the success-story workflow. Pure rules; the services in
 * $lib/server/planning apply them.
 */
import { STRATEGIES, type Strategy } from './capacity';

export const MODEL_STATUSES = ['draft', 'approved', 'archived'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** The logic model reads left to right in this order. */
export const ITEM_KINDS = [
	'problem',
	'root_cause',
	'local_condition',
	'strategy',
	'activity',
	'outcome'
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const OUTCOME_TERMS = ['short', 'intermediate', 'long'] as const;
export type OutcomeTerm = (typeof OUTCOME_TERMS)[number];

export const TASK_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ACTIVITY_KINDS = [
	'community_action',
	'community_change',
	'development_activity',
	'service_provided',
	'dissemination'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const CHANGE_KINDS = ['program', 'policy', 'practice'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ['proposed', 'adopted', 'enforced'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const STORY_STATUSES = ['draft', 'in_review', 'published', 'unpublished'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/**
 * Which kind may hang from which: problem → root cause → local condition ("but why here?") →
 * strategy → activity. Outcomes measure a strategy or the local condition it targets.
 */
export const PARENT_KINDS: Record<ItemKind, readonly (ItemKind | null)[]> = {
	problem: [null],
	root_cause: ['problem'],
	local_condition: ['root_cause'],
	strategy: ['local_condition'],
	activity: ['strategy'],
	outcome: ['strategy', 'local_condition']
};

/** null when `kind` may hang from a parent of `parentKind` (null: at the top), else a code. */
export function chainError(kind: ItemKind, parentKind: ItemKind | null): 'parent_invalid' | null {
	return PARENT_KINDS[kind].includes(parentKind) ? null : 'parent_invalid';
}

export function isStrategy(code: string | null | undefined): code is Strategy {
	return (STRATEGIES as readonly string[]).includes(code ?? '');
}

/** Tasks hang under a strategy or a local condition of the plan. */
export const TASK_ITEM_KINDS: readonly ItemKind[] = ['strategy', 'local_condition'];

export interface ReachedCounts {
	youthF: number | null;
	youthM: number | null;
	adultF: number | null;
	adultM: number | null;
	total: number | null;
}

/** The sum of the groups typed, or null when none was. */
export function sumOfGroups(c: ReachedCounts): number | null {
	const parts = [c.youthF, c.youthM, c.adultF, c.adultM].filter((n): n is number => n !== null);
	return parts.length ? parts.reduce((a, b) => a + b, 0) : null;
}

/**
 * A total typed next to counts by group must be their sum: one of the two is a slip, and a report
 * built from them would contradict itself.
 */
export function countsError(c: ReachedCounts): 'counts_mismatch' | null {
	const sum = sumOfGroups(c);
	return sum !== null && c.total !== null && sum !== c.total ? 'counts_mismatch' : null;
}

/** The total to store: the one typed, or the groups' sum. */
export function reachedTotal(c: ReachedCounts): number | null {
	return c.total ?? sumOfGroups(c);
}

export function isTaskOverdue(task: { status: string; dueOn: string | null }, today: string) {
	return (
		task.dueOn !== null && task.dueOn < today && task.status !== 'done' && task.status !== 'dropped'
	);
}

export interface ChangeEvent {
	id: string;
	kind: string;
	status: string;
	title: string;
	happenedOn: string;
}

export interface SeriesPoint {
	/** 'YYYY-MM' */
	month: string;
	count: number;
	cumulative: number;
	/** adopted or enforced policies that month: the marks on the graph */
	keyEvents: { id: string; title: string; happenedOn: string; status: string }[];
}

/** Something that happened around the changes, marked on the graph for context. */
export interface Milestone {
	id: string;
	kind: 'training' | 'plan' | 'phase';
	/** 'YYYY-MM-DD' */
	on: string;
	titleEs: string;
	titleEn: string | null;
}

/** Months from `from` to `to` inclusive, both 'YYYY-MM'. */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.split('-').map(Number);
	const [ty, tm] = to.split('-').map(Number);
	// A reversed or absurd range gives nothing rather than looping for ever.
	for (let guard = 0; (y < ty || (y === ty && m <= tm)) && guard < 1200; guard++) {
		out.push(`${y}-${String(m).padStart(2, '0')}`);
		m += 1;
		if (m > 12) {
			m = 1;
			y += 1;
		}
	}
	return out;
}

/** 'YYYY-MM' moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
	const [y, m] = month.split('-').map(Number);
	const index = y * 12 + (m - 1) + delta;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function isKeyEvent(change: { kind: string; status: string }): boolean {
	return change.kind === 'policy' && (change.status === 'adopted' || change.status === 'enforced');
}

/**
 * Changes counted month by month, with the running total. Changes before `from` start the total;
 * those after `to` are left out. `from` and `to` are 'YYYY-MM'.
 */
export function cumulativeChanges(
	changes: readonly ChangeEvent[],
	range: { from: string; to: string }
): SeriesPoint[] {
	let running = changes.filter((c) => c.happenedOn.slice(0, 7) < range.from).length;
	return monthsBetween(range.from, range.to).map((month) => {
		const inMonth = changes
			.filter((c) => c.happenedOn.slice(0, 7) === month)
			.sort((a, b) => a.happenedOn.localeCompare(b.happenedOn) || a.id.localeCompare(b.id));
		running += inMonth.length;
		return {
			month,
			count: inMonth.length,
			cumulative: running,
			keyEvents: inMonth
				.filter(isKeyEvent)
				.map((c) => ({ id: c.id, title: c.title, happenedOn: c.happenedOn, status: c.status }))
		};
	});
}

/** Who moves a story where: the coalition's editors submit; the hub publishes or sends back. */
export const STORY_TRANSITIONS: readonly {
	from: StoryStatus;
	to: StoryStatus;
	by: 'editor' | 'hub';
	commentRequired: boolean;
}[] = [
	{ from: 'draft', to: 'in_review', by: 'editor', commentRequired: false },
	{ from: 'in_review', to: 'published', by: 'hub', commentRequired: false },
	{ from: 'in_review', to: 'draft', by: 'hub', commentRequired: true },
	{ from: 'published', to: 'unpublished', by: 'hub', commentRequired: false },
	{ from: 'unpublished', to: 'draft', by: 'editor', commentRequired: false }
];

export type TransitionCheck =
	{ ok: true } | { ok: false; code: 'transition_invalid' | 'forbidden' | 'comment_required' };

/** Hub staff may also do what editors do: they support the coalition. */
export function storyTransition(
	from: string,
	to: string,
	who: { canEdit: boolean; isHub: boolean },
	comment: string | null
): TransitionCheck {
	const rule = STORY_TRANSITIONS.find((t) => t.from === from && t.to === to);
	if (!rule) return { ok: false, code: 'transition_invalid' };
	const allowed = rule.by === 'hub' ? who.isHub : who.canEdit || who.isHub;
	if (!allowed) return { ok: false, code: 'forbidden' };
	if (rule.commentRequired && !comment?.trim()) return { ok: false, code: 'comment_required' };
	return { ok: true };
}

/** The next statuses the actor may choose from `from` (for the page's buttons). */
export function storyNextStatuses(from: string, who: { canEdit: boolean; isHub: boolean }) {
	return STORY_TRANSITIONS.filter(
		(t) => t.from === from && (t.by === 'hub' ? who.isHub : who.canEdit || who.isHub)
	).map((t) => t.to);
}
