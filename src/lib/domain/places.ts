import type { PlaceKind } from './network';

export interface PlaceNode {
	id: string;
	parentId: string | null;
	kind: PlaceKind;
	name: string;
	nameEn?: string | null;
	latitude?: number | null;
	longitude?: number | null;
	coordsApproximate?: boolean;
	sortOrder?: number;
}

export interface PlaceTreeNode<P extends PlaceNode = PlaceNode> {
	place: P;
	children: PlaceTreeNode<P>[];
}

export class PlaceCycleError extends Error {
	constructor(readonly placeId: string) {
		super(`Place ${placeId} is its own ancestor`);
	}
}

function byOrderThenName(a: PlaceNode, b: PlaceNode): number {
	return (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, 'es');
}

/**
 * Builds the forest from a flat list. A place whose parent is not in the list becomes a root, so
 * a subtree can be built from a partial list.
 */
export function buildPlaceTree<P extends PlaceNode>(places: P[]): PlaceTreeNode<P>[] {
	const nodes = new Map(
		places.map((p) => [p.id, { place: p, children: [] as PlaceTreeNode<P>[] }])
	);
	const roots: PlaceTreeNode<P>[] = [];
	for (const node of nodes.values()) {
		const parent = node.place.parentId ? nodes.get(node.place.parentId) : undefined;
		(parent ? parent.children : roots).push(node);
	}
	const sort = (list: PlaceTreeNode<P>[]) => {
		list.sort((a, b) => byOrderThenName(a.place, b.place));
		list.forEach((n) => sort(n.children));
	};
	sort(roots);
	return roots;
}

/** Root-first path to a place, inclusive. Throws on a cycle rather than looping forever. */
export function placePath<P extends PlaceNode>(id: string, byId: Map<string, P>): P[] {
	const path: P[] = [];
	const seen = new Set<string>();
	let current = byId.get(id);
	while (current) {
		if (seen.has(current.id)) throw new PlaceCycleError(current.id);
		seen.add(current.id);
		path.unshift(current);
		current = current.parentId ? byId.get(current.parentId) : undefined;
	}
	return path;
}

/** Would making `parentId` the parent of `id` create a cycle? For edits in the workspace. */
export function wouldCreateCycle<P extends PlaceNode>(
	id: string,
	parentId: string | null,
	byId: Map<string, P>
): boolean {
	let current = parentId ? byId.get(parentId) : undefined;
	const seen = new Set<string>();
	while (current && !seen.has(current.id)) {
		if (current.id === id) return true;
		seen.add(current.id);
		current = current.parentId ? byId.get(current.parentId) : undefined;
	}
	return false;
}

/** The nearest place on the path (searching from the place upwards) with one of the kinds. */
export function nearestOfKind<P extends PlaceNode>(path: P[], kinds: PlaceKind[]): P | undefined {
	for (let i = path.length - 1; i >= 0; i--) if (kinds.includes(path[i].kind)) return path[i];
	return undefined;
}

/**
 * Coordinates for a place: its own, or else the nearest ancestor's, flagged approximate since the
 * point then marks the surrounding area rather than the place.
 */
export function effectiveCoordinates<P extends PlaceNode>(
	path: P[]
): { latitude: number; longitude: number; approximate: boolean } | null {
	for (let i = path.length - 1; i >= 0; i--) {
		const p = path[i];
		if (p.latitude != null && p.longitude != null) {
			return {
				latitude: p.latitude,
				longitude: p.longitude,
				approximate: i !== path.length - 1 || Boolean(p.coordsApproximate)
			};
		}
	}
	return null;
}
