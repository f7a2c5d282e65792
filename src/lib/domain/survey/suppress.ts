/**
 * Small-number protection. A cell with fewer valid answers than the network's minimum is
 * suppressed (primary suppression). Then, wherever published cells add up to another — the
 * grades of a total, the sexes of a total or of a grade, the grades of one sex, the coalitions
 * of a region, the regions of the network — no equation may be left with exactly one hidden
 * cell, or subtraction would reveal it: a second cell is hidden (the smallest sibling), and the
 * check repeats until nothing changes (complementary suppression).
 *
 * A breakdown only counts as an equation when it is complete: respondents with a blank sex are
 * in the total but in neither sex, so "total − F" is not M and nothing needs hiding there.
 */
import { GRADES, SEXES } from './columns';
import { cellKey, type CellKey, type Counts } from './compute';

/** `total` = the sum of `parts`, when the counts say the breakdown is complete. */
export interface Partition {
	total: string;
	parts: string[];
}

/** The breakdowns within one set of cells (one indicator of one coalition or group). */
export function cellPartitions(keys: Iterable<CellKey>, prefix = ''): Partition[] {
	const present = new Set(keys);
	const out: Partition[] = [];
	const add = (total: CellKey, parts: CellKey[]) => {
		const have = parts.filter((p) => present.has(p));
		if (present.has(total) && have.length > 0) {
			out.push({ total: prefix + total, parts: have.map((p) => prefix + p) });
		}
	};
	add(
		'all',
		GRADES.map((g) => cellKey(g, null))
	);
	add(
		'all',
		SEXES.map((s) => cellKey(null, s))
	);
	for (const g of GRADES) {
		add(
			cellKey(g, null),
			SEXES.map((s) => cellKey(g, s))
		);
	}
	for (const s of SEXES) {
		add(
			cellKey(null, s),
			GRADES.map((g) => cellKey(g, s))
		);
	}
	return out;
}

export function isComplete(p: Partition, cells: Readonly<Record<string, Counts>>): boolean {
	const total = cells[p.total];
	if (!total) return false;
	let sum = 0;
	for (const k of p.parts) sum += cells[k]?.denominator ?? 0;
	return sum === total.denominator;
}

/**
 * The keys to hide. `known` cells are ones the reader already sees unsuppressed (their own
 * coalition's): they are never hidden, never chosen as the second cell, and count as published.
 */
export function suppressCells(
	cells: Readonly<Record<string, Counts>>,
	partitions: readonly Partition[],
	min: number,
	known: (key: string) => boolean = () => false
): Set<string> {
	const hidden = new Set<string>();
	for (const [key, c] of Object.entries(cells)) {
		if (c.denominator < min && !known(key)) hidden.add(key);
	}
	const equations = partitions.filter((p) => isComplete(p, cells));
	const size = (k: string) => cells[k]?.denominator ?? 0;
	let changed = true;
	while (changed) {
		changed = false;
		for (const p of equations) {
			const members = [p.total, ...p.parts].filter((k) => cells[k]);
			if (members.filter((k) => hidden.has(k)).length !== 1) continue;
			const next = p.parts
				.filter((k) => cells[k] && !hidden.has(k) && !known(k))
				.sort((a, b) => size(a) - size(b) || (a < b ? -1 : 1))[0];
			const pick = next ?? (!hidden.has(p.total) && !known(p.total) ? p.total : undefined);
			// With nothing left to hide, the reader knows every other member already.
			if (pick) {
				hidden.add(pick);
				changed = true;
			}
		}
	}
	return hidden;
}

/** One node of the coalition → region → network tree, with its cells for one indicator. */
export interface TreeGroup {
	key: string;
	parent: string | null;
	cells: Readonly<Record<CellKey, Counts>>;
}

/**
 * Suppression over a whole tree of groups at once, so every view a reader can open (one
 * coalition, the coalitions of the network, the regions) hides the same cells and no two views
 * can be subtracted from each other. `knownGroups` are the coalitions the reader may edit; a
 * region made only of known coalitions is known too.
 */
export function suppressTree(
	groups: readonly TreeGroup[],
	min: number,
	knownGroups: ReadonlySet<string> = new Set()
): Map<string, Set<CellKey>> {
	const sep = '#';
	const cells: Record<string, Counts> = {};
	const partitions: Partition[] = [];
	const children = new Map<string, TreeGroup[]>();
	for (const g of groups) {
		for (const [k, c] of Object.entries(g.cells)) cells[g.key + sep + k] = c;
		partitions.push(...cellPartitions(Object.keys(g.cells), g.key + sep));
		if (g.parent !== null) children.set(g.parent, [...(children.get(g.parent) ?? []), g]);
	}
	for (const g of groups) {
		const kids = children.get(g.key) ?? [];
		if (kids.length === 0) continue;
		for (const k of Object.keys(g.cells)) {
			const parts = kids.filter((c) => c.cells[k]).map((c) => c.key + sep + k);
			if (parts.length) partitions.push({ total: g.key + sep + k, parts });
		}
	}
	const known = new Set(knownGroups);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [parent, kids] of children) {
			if (!known.has(parent) && kids.every((c) => known.has(c.key))) {
				known.add(parent);
				grew = true;
			}
		}
	}
	const hidden = suppressCells(cells, partitions, min, (key) =>
		known.has(key.slice(0, key.lastIndexOf(sep)))
	);
	const out = new Map<string, Set<CellKey>>(groups.map((g) => [g.key, new Set()]));
	for (const key of hidden) {
		const at = key.lastIndexOf(sep);
		out.get(key.slice(0, at))?.add(key.slice(at + 1));
	}
	return out;
}
