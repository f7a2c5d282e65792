/**
 * The logic model's shapes for reading: a tree for the builder (each item under the one it hangs
 * from) and a grid for the one-page view, which reads left to right from the problem to the
 * outcomes. Pure functions over the items a version holds.
 */
import { ITEM_KINDS, type ItemKind } from './planning';

export interface GridItem {
	id: string;
	kind: ItemKind;
	parentId: string | null;
}

export interface PlanNode<T extends GridItem> {
	item: T;
	children: PlanNode<T>[];
}

/**
 * Items under their parents, keeping the order they come in. An item whose parent is missing
 * is shown at the top rather than hidden: the builder must show everything the version holds.
 */
export function planTree<T extends GridItem>(items: readonly T[]): PlanNode<T>[] {
	const nodes = new Map(items.map((item) => [item.id, { item, children: [] as PlanNode<T>[] }]));
	const roots: PlanNode<T>[] = [];
	for (const item of items) {
		const node = nodes.get(item.id)!;
		const parent = item.parentId ? nodes.get(item.parentId) : undefined;
		if (parent && parent !== node) parent.children.push(node);
		else roots.push(node);
	}
	return roots;
}

export interface GridCell<T extends GridItem> {
	kind: ItemKind;
	items: T[];
	/** how many rows the cell covers */
	rowspan: number;
}

export type GridRow<T extends GridItem> = GridCell<T>[];

const column = (kind: ItemKind) => ITEM_KINDS.indexOf(kind);

function emptyCells<T extends GridItem>(from: ItemKind, to: ItemKind): GridCell<T>[] {
	return ITEM_KINDS.slice(column(from), column(to) + 1).map((kind) => ({
		kind,
		items: [],
		rowspan: 1
	}));
}

/**
 * Rows for one node and everything right of it. A strategy is one row whose activity and outcome
 * cells list its activities and outcomes; each node to the left spans the rows of its children.
 * Outcomes that measure a local condition directly get a row of their own under it.
 */
function rowsOf<T extends GridItem>(node: PlanNode<T>): GridRow<T>[] {
	const { item, children } = node;
	const own: GridCell<T> = { kind: item.kind, items: [item], rowspan: 1 };
	const ofKind = (kind: ItemKind) => children.filter((c) => c.item.kind === kind);
	if (item.kind === 'strategy') {
		return [
			[
				own,
				{ kind: 'activity', items: ofKind('activity').map((c) => c.item), rowspan: 1 },
				{ kind: 'outcome', items: ofKind('outcome').map((c) => c.item), rowspan: 1 }
			]
		];
	}
	if (item.kind === 'activity' || item.kind === 'outcome') {
		// Only reached for an item shown at the top because its parent is missing.
		const cells = emptyCells<T>(item.kind, 'outcome');
		cells[0] = own;
		return [cells];
	}
	const next = ITEM_KINDS[column(item.kind) + 1];
	const rows = ofKind(next).flatMap(rowsOf);
	if (item.kind === 'local_condition') {
		const outcomes = ofKind('outcome').map((c) => c.item);
		if (outcomes.length) {
			rows.push([
				...emptyCells<T>('strategy', 'activity'),
				{ kind: 'outcome', items: outcomes, rowspan: 1 }
			]);
		}
	}
	if (rows.length === 0) rows.push(emptyCells<T>(next, 'outcome'));
	rows[0] = [{ ...own, rowspan: rows.length }, ...rows[0]];
	return rows;
}

/**
 * The one-page grid: one row per strategy (or per unfinished branch), six columns from problem to
 * outcome, cells spanning the rows of what hangs from them.
 */
export function logicModelGrid<T extends GridItem>(items: readonly T[]): GridRow<T>[] {
	return planTree(items).flatMap((root) => {
		const rows = rowsOf(root);
		// A top-level item that is not a problem starts its row with empty cells to its left.
		const lead = column(root.item.kind);
		if (lead > 0) {
			rows[0] = [
				...emptyCells<T>('problem', ITEM_KINDS[lead - 1]).map((c) => ({
					...c,
					rowspan: rows.length
				})),
				...rows[0]
			];
		}
		return rows;
	});
}

/**
 * The action plan read by where each task serves: one group per strategy or local condition in
 * `items` (in their order, even with no task yet, so gaps in the plan show), then the groups of
 * tasks whose item is no longer offered (an archived version's), in the tasks' order.
 */
export function groupTasks<I extends { id: string }, T extends { item: I }>(
	items: readonly I[],
	tasks: readonly T[]
): { item: I; tasks: T[] }[] {
	const groups = new Map<string, { item: I; tasks: T[] }>(
		items.map((item) => [item.id, { item, tasks: [] }])
	);
	for (const task of tasks) {
		const group = groups.get(task.item.id);
		if (group) group.tasks.push(task);
		else groups.set(task.item.id, { item: task.item, tasks: [task] });
	}
	return [...groups.values()];
}
