import { describe, expect, it } from 'vitest';
import {
	chainError,
	countsError,
	cumulativeChanges,
	isTaskOverdue,
	addMonths,
	monthsBetween,
	reachedTotal,
	storyNextStatuses,
	storyTransition
} from './planning';

describe('the logic-model chain', () => {
	it('reads problem → root cause → local condition → strategy → activity', () => {
		expect(chainError('problem', null)).toBeNull();
		expect(chainError('root_cause', 'problem')).toBeNull();
		expect(chainError('local_condition', 'root_cause')).toBeNull();
		expect(chainError('strategy', 'local_condition')).toBeNull();
		expect(chainError('activity', 'strategy')).toBeNull();
	});

	it('hangs outcomes from a strategy or a local condition only', () => {
		expect(chainError('outcome', 'strategy')).toBeNull();
		expect(chainError('outcome', 'local_condition')).toBeNull();
		expect(chainError('outcome', 'activity')).toBe('parent_invalid');
		expect(chainError('outcome', null)).toBe('parent_invalid');
	});

	it('refuses skipped links and items at the wrong level', () => {
		expect(chainError('strategy', 'problem')).toBe('parent_invalid');
		expect(chainError('root_cause', null)).toBe('parent_invalid');
		expect(chainError('problem', 'problem')).toBe('parent_invalid');
	});
});

describe('people reached', () => {
	const none = { youthF: null, youthM: null, adultF: null, adultM: null, total: null };

	it('accepts a total equal to the groups, groups alone, or a total alone', () => {
		expect(countsError({ youthF: 10, youthM: 8, adultF: 3, adultM: 2, total: 23 })).toBeNull();
		expect(countsError({ ...none, youthF: 4 })).toBeNull();
		expect(countsError({ ...none, total: 40 })).toBeNull();
		expect(countsError(none)).toBeNull();
	});

	it('refuses a total that is not the sum of the groups typed', () => {
		expect(countsError({ youthF: 10, youthM: 8, adultF: 3, adultM: 2, total: 25 })).toBe(
			'counts_mismatch'
		);
		expect(countsError({ ...none, youthF: 5, total: 6 })).toBe('counts_mismatch');
	});

	it('stores the sum when no total was typed', () => {
		expect(reachedTotal({ ...none, youthF: 5, adultM: 2 })).toBe(7);
		expect(reachedTotal({ ...none, total: 30 })).toBe(30);
		expect(reachedTotal(none)).toBeNull();
	});
});

describe('overdue tasks', () => {
	it('are open tasks whose due day has passed', () => {
		expect(isTaskOverdue({ status: 'todo', dueOn: '2026-11-26' }, '2026-11-27')).toBe(true);
		expect(isTaskOverdue({ status: 'doing', dueOn: '2026-11-27' }, '2026-11-27')).toBe(false);
		expect(isTaskOverdue({ status: 'done', dueOn: '2026-01-01' }, '2026-11-27')).toBe(false);
		expect(isTaskOverdue({ status: 'dropped', dueOn: '2026-01-01' }, '2026-11-27')).toBe(false);
		expect(isTaskOverdue({ status: 'todo', dueOn: null }, '2026-11-27')).toBe(false);
	});
});

describe('the cumulative change series', () => {
	const changes = [
		{ id: 'a', kind: 'program', status: 'adopted', title: 'Taller', happenedOn: '2025-11-10' },
		{ id: 'b', kind: 'policy', status: 'adopted', title: 'Ordenanza', happenedOn: '2026-01-15' },
		{ id: 'c', kind: 'policy', status: 'proposed', title: 'Propuesta', happenedOn: '2026-01-20' },
		{ id: 'd', kind: 'practice', status: 'enforced', title: 'Control', happenedOn: '2026-03-02' },
		{ id: 'e', kind: 'policy', status: 'enforced', title: 'Fiscaliza', happenedOn: '2026-05-01' }
	];

	it('counts month by month, starting from what came before the range', () => {
		const series = cumulativeChanges(changes, { from: '2026-01', to: '2026-04' });
		expect(series.map((p) => [p.month, p.count, p.cumulative])).toEqual([
			['2026-01', 2, 3],
			['2026-02', 0, 3],
			['2026-03', 1, 4],
			['2026-04', 0, 4]
		]);
	});

	it('marks adopted and enforced policies as key events', () => {
		const series = cumulativeChanges(changes, { from: '2026-01', to: '2026-05' });
		expect(series[0].keyEvents.map((e) => e.id)).toEqual(['b']);
		expect(series[2].keyEvents).toEqual([]);
		expect(series[4].keyEvents.map((e) => e.id)).toEqual(['e']);
	});

	it('crosses years and gives nothing for a reversed range', () => {
		expect(monthsBetween('2025-11', '2026-02')).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
		expect(monthsBetween('2026-03', '2026-01')).toEqual([]);
	});

	it('moves a month across year ends both ways', () => {
		expect(addMonths('2026-11', -11)).toBe('2025-12');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2025-12', 1)).toBe('2026-01');
		expect(addMonths('2026-06', 0)).toBe('2026-06');
		expect(addMonths('2026-11', -35)).toBe('2023-12');
	});
});

describe('the story workflow', () => {
	const editor = { canEdit: true, isHub: false };
	const hub = { canEdit: true, isHub: true };
	const viewer = { canEdit: false, isHub: false };

	it('lets editors submit and the hub publish', () => {
		expect(storyTransition('draft', 'in_review', editor, null)).toEqual({ ok: true });
		expect(storyTransition('in_review', 'published', editor, null)).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(storyTransition('in_review', 'published', hub, null)).toEqual({ ok: true });
		expect(storyTransition('published', 'unpublished', hub, null)).toEqual({ ok: true });
		expect(storyTransition('unpublished', 'draft', editor, null)).toEqual({ ok: true });
	});

	it('needs a comment to send a story back', () => {
		expect(storyTransition('in_review', 'draft', hub, '  ')).toEqual({
			ok: false,
			code: 'comment_required'
		});
		expect(storyTransition('in_review', 'draft', hub, 'Falta el consentimiento')).toEqual({
			ok: true
		});
	});

	it('refuses moves the workflow does not have and viewers', () => {
		expect(storyTransition('draft', 'published', hub, null)).toEqual({
			ok: false,
			code: 'transition_invalid'
		});
		expect(storyTransition('draft', 'in_review', viewer, null)).toEqual({
			ok: false,
			code: 'forbidden'
		});
	});

	it('offers each actor only their moves', () => {
		expect(storyNextStatuses('in_review', editor)).toEqual([]);
		expect(storyNextStatuses('in_review', hub)).toEqual(['published', 'draft']);
		expect(storyNextStatuses('draft', viewer)).toEqual([]);
	});
});
