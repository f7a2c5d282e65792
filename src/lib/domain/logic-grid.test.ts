import { describe, expect, it } from 'vitest';
import { groupTasks, logicModelGrid, planTree, type GridItem } from './logic-grid';

const item = (id: string, kind: GridItem['kind'], parentId: string | null = null): GridItem => ({
	id,
	kind,
	parentId
});

/** Each row as "kind:ids×rowspan" cells, so a test reads like the printed page. */
const shape = (items: GridItem[]) =>
	logicModelGrid(items).map((row) =>
		row.map((c) => `${c.kind}:${c.items.map((i) => i.id).join('+') || '-'}×${c.rowspan}`)
	);

describe('the logic model as a tree', () => {
	it('puts each item under its parent, in the order given', () => {
		const tree = planTree([
			item('p', 'problem'),
			item('c1', 'root_cause', 'p'),
			item('c2', 'root_cause', 'p'),
			item('l', 'local_condition', 'c2')
		]);
		expect(tree.map((n) => n.item.id)).toEqual(['p']);
		expect(tree[0].children.map((n) => n.item.id)).toEqual(['c1', 'c2']);
		expect(tree[0].children[1].children.map((n) => n.item.id)).toEqual(['l']);
	});

	it('shows an item whose parent is missing at the top instead of losing it', () => {
		expect(planTree([item('a', 'activity', 'gone')]).map((n) => n.item.id)).toEqual(['a']);
	});
});

describe('the one-page grid', () => {
	it('reads one full chain left to right in a single row', () => {
		expect(
			shape([
				item('p', 'problem'),
				item('c', 'root_cause', 'p'),
				item('l', 'local_condition', 'c'),
				item('s', 'strategy', 'l'),
				item('a1', 'activity', 's'),
				item('a2', 'activity', 's'),
				item('o', 'outcome', 's')
			])
		).toEqual([
			[
				'problem:p×1',
				'root_cause:c×1',
				'local_condition:l×1',
				'strategy:s×1',
				'activity:a1+a2×1',
				'outcome:o×1'
			]
		]);
	});

	it('spans a condition over its strategies and gives its own outcomes a row', () => {
		expect(
			shape([
				item('p', 'problem'),
				item('c', 'root_cause', 'p'),
				item('l', 'local_condition', 'c'),
				item('s1', 'strategy', 'l'),
				item('s2', 'strategy', 'l'),
				item('ol', 'outcome', 'l')
			])
		).toEqual([
			[
				'problem:p×3',
				'root_cause:c×3',
				'local_condition:l×3',
				'strategy:s1×1',
				'activity:-×1',
				'outcome:-×1'
			],
			['strategy:s2×1', 'activity:-×1', 'outcome:-×1'],
			['strategy:-×1', 'activity:-×1', 'outcome:ol×1']
		]);
	});

	it('keeps an unfinished branch as one row with empty cells to the right', () => {
		expect(shape([item('p', 'problem'), item('q', 'problem')])).toEqual([
			[
				'problem:p×1',
				'root_cause:-×1',
				'local_condition:-×1',
				'strategy:-×1',
				'activity:-×1',
				'outcome:-×1'
			],
			[
				'problem:q×1',
				'root_cause:-×1',
				'local_condition:-×1',
				'strategy:-×1',
				'activity:-×1',
				'outcome:-×1'
			]
		]);
	});

	it('always gives each row six columns once spans are counted', () => {
		const rows = logicModelGrid([
			item('p', 'problem'),
			item('c1', 'root_cause', 'p'),
			item('c2', 'root_cause', 'p'),
			item('l', 'local_condition', 'c1'),
			item('s', 'strategy', 'l'),
			item('x', 'activity', 'missing')
		]);
		// Cells still open from rows above count too.
		const open: number[] = [];
		for (const row of rows) {
			const carried = open.filter((n) => n > 0).length;
			expect(carried + row.length).toBe(6);
			for (let i = 0; i < open.length; i++) open[i] -= 1;
			for (const cell of row) if (cell.rowspan > 1) open.push(cell.rowspan - 1);
		}
	});
});

describe('the action plan by strategy and local condition', () => {
	it('lists every offered item, tasks under theirs, and old items after', () => {
		const s = { id: 's' };
		const l = { id: 'l' };
		const old = { id: 'old' };
		const groups = groupTasks(
			[s, l],
			[
				{ id: 't1', item: l },
				{ id: 't2', item: old },
				{ id: 't3', item: l }
			]
		);
		expect(groups.map((g) => [g.item.id, g.tasks.map((t) => t.id)])).toEqual([
			['s', []],
			['l', ['t1', 't3']],
			['old', ['t2']]
		]);
	});
});
