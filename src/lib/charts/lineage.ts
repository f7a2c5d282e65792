/**
 * The multiplier effect as a forest: partners and coalitions that seeded others at the roots,
 * the coalitions they started below. Pure shaping and layout, so the tree can be tested without
 * rendering and drawn as a static SVG on the server.
 */

export interface LineageEdge {
	id: string;
	name: string;
	foundedYear: number | null;
	seededByCoalition: { id: string; name: string } | null;
	seededByOrganization: { id: string; name: string } | null;
}

export interface LineageNode {
	key: string;
	kind: 'coalition' | 'organization';
	/** a seeding coalition outside the reader's filters or scope: named, not expanded */
	outside: boolean;
	id: string;
	name: string;
	foundedYear: number | null;
	children: LineageNode[];
	/** every coalition below this node, all generations */
	descendants: number;
}

/**
 * Builds the forest. A coalition seeded by another coalition hangs under it (that is the
 * multiplier effect, even when a partner also helped); otherwise under the organization that
 * seeded it; otherwise it is a root of its own. Cycles in bad data are cut where found.
 */
export function lineageForest(edges: readonly LineageEdge[]): LineageNode[] {
	const nodes = new Map<string, LineageNode>();
	const coalitionNode = (id: string, name: string, year: number | null, outside: boolean) => {
		const key = `c:${id}`;
		let n = nodes.get(key);
		if (!n) {
			n = {
				key,
				kind: 'coalition',
				outside,
				id,
				name,
				foundedYear: year,
				children: [],
				descendants: 0
			};
			nodes.set(key, n);
		} else if (!outside) {
			Object.assign(n, { outside: false, name, foundedYear: year });
		}
		return n;
	};
	for (const e of edges) coalitionNode(e.id, e.name, e.foundedYear, false);
	const parentOf = new Map<string, string>();
	for (const e of edges) {
		let parent: LineageNode | null = null;
		if (e.seededByCoalition && e.seededByCoalition.id !== e.id) {
			parent = coalitionNode(e.seededByCoalition.id, e.seededByCoalition.name, null, true);
		} else if (e.seededByOrganization) {
			const key = `o:${e.seededByOrganization.id}`;
			parent = nodes.get(key) ?? null;
			if (!parent) {
				parent = {
					key,
					kind: 'organization',
					outside: false,
					id: e.seededByOrganization.id,
					name: e.seededByOrganization.name,
					foundedYear: null,
					children: [],
					descendants: 0
				};
				nodes.set(key, parent);
			}
		}
		if (parent) parentOf.set(`c:${e.id}`, parent.key);
	}
	// Cut cycles: walk up from each node; a node met twice loses its parent link.
	for (const start of parentOf.keys()) {
		const seen = new Set<string>([start]);
		let at = parentOf.get(start);
		while (at) {
			if (seen.has(at)) {
				parentOf.delete(start);
				break;
			}
			seen.add(at);
			at = parentOf.get(at);
		}
	}
	for (const [child, parent] of parentOf) nodes.get(parent)!.children.push(nodes.get(child)!);
	const roots = [...nodes.values()].filter((n) => !parentOf.has(n.key));
	const count = (n: LineageNode): number => {
		n.children.sort(byYearThenName);
		n.descendants = n.children.reduce((sum, c) => sum + 1 + count(c), 0);
		return n.descendants;
	};
	roots.forEach(count);
	// Seeders first (largest lineage first), then coalitions that started on their own.
	return roots.sort((a, b) => b.descendants - a.descendants || byYearThenName(a, b));
}

function byYearThenName(a: LineageNode, b: LineageNode): number {
	return (a.foundedYear ?? 9999) - (b.foundedYear ?? 9999) || a.name.localeCompare(b.name, 'es');
}

export interface PlacedNode {
	node: LineageNode;
	depth: number;
	row: number;
	parentKey: string | null;
}

/**
 * A tidy layered layout: each leaf takes the next row, a parent sits midway between its first
 * and last child, depth is the generation. Only lineages (roots with descendants) are laid out.
 */
export function layoutForest(roots: readonly LineageNode[]): {
	placed: PlacedNode[];
	rows: number;
	depth: number;
} {
	const placed: PlacedNode[] = [];
	let next = 0;
	let maxDepth = 0;
	const visit = (n: LineageNode, depth: number, parentKey: string | null): number => {
		maxDepth = Math.max(maxDepth, depth);
		const entry: PlacedNode = { node: n, depth, row: 0, parentKey };
		placed.push(entry);
		if (n.children.length === 0) {
			entry.row = next++;
		} else {
			const rows = n.children.map((c) => visit(c, depth + 1, n.key));
			entry.row = (rows[0] + rows[rows.length - 1]) / 2;
		}
		return entry.row;
	};
	for (const r of roots) if (r.descendants > 0) visit(r, 0, null);
	return { placed, rows: next, depth: maxDepth };
}

export interface SeederRow {
	key: string;
	kind: 'coalition' | 'organization';
	name: string;
	direct: number;
	all: number;
}

/** Everyone who seeded at least one coalition, most prolific first. */
export function seeders(roots: readonly LineageNode[]): SeederRow[] {
	const out: SeederRow[] = [];
	const walk = (n: LineageNode) => {
		if (n.children.length) {
			out.push({
				key: n.key,
				kind: n.kind,
				name: n.name,
				direct: n.children.length,
				all: n.descendants
			});
		}
		n.children.forEach(walk);
	};
	roots.forEach(walk);
	return out.sort(
		(a, b) => b.all - a.all || b.direct - a.direct || a.name.localeCompare(b.name, 'es')
	);
}
