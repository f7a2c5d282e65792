import { describe, expect, it } from 'vitest';
import { layoutForest, lineageForest, seeders, type LineageEdge } from './lineage';

const edge = (
	id: string,
	seed: { c?: string; o?: string } = {},
	foundedYear: number | null = null
): LineageEdge => ({
	id,
	name: id.toUpperCase(),
	foundedYear,
	seededByCoalition: seed.c ? { id: seed.c, name: seed.c.toUpperCase() } : null,
	seededByOrganization: seed.o ? { id: seed.o, name: seed.o.toUpperCase() } : null
});

describe('lineage forest', () => {
	it('hangs a coalition under the coalition that seeded it, even when a partner helped', () => {
		const forest = lineageForest([
			edge('a', { o: 'ngo' }, 2004),
			edge('b', { c: 'a', o: 'ngo' }, 2006),
			edge('c', { c: 'a' }, 2005),
			edge('d')
		]);
		expect(forest.map((n) => [n.key, n.descendants])).toEqual([
			['o:ngo', 3],
			['c:d', 0]
		]);
		// Children in founding order.
		expect(forest[0].children[0].children.map((n) => n.id)).toEqual(['c', 'b']);
		expect(seeders(forest).map((s) => [s.name, s.direct, s.all])).toEqual([
			['NGO', 1, 3],
			['A', 2, 2]
		]);
	});

	it('names a seeder outside the selection without expanding it', () => {
		const [root] = lineageForest([edge('b', { c: 'a' })]);
		expect([root.id, root.outside, root.children.map((n) => n.id)]).toEqual(['a', true, ['b']]);
	});

	it('cuts a cycle in bad data instead of looping', () => {
		const forest = lineageForest([edge('a', { c: 'b' }), edge('b', { c: 'a' })]);
		expect(forest).toHaveLength(1);
		expect(forest[0].descendants).toBe(1);
	});

	it('lays leaves on consecutive rows with each parent midway between its children', () => {
		const forest = lineageForest([
			edge('a', { o: 'ngo' }, 2004),
			edge('b', { c: 'a' }, 2005),
			edge('c', { c: 'a' }, 2006),
			edge('lonely')
		]);
		const { placed, rows, depth } = layoutForest(forest);
		const row = Object.fromEntries(placed.map((p) => [p.node.id, p.row]));
		expect([rows, depth]).toEqual([2, 2]);
		expect(row).toEqual({ ngo: 0.5, a: 0.5, b: 0, c: 1 });
		// A coalition that seeded nobody and was seeded by nobody is not part of any lineage.
		expect(placed.some((p) => p.node.id === 'lonely')).toBe(false);
	});
});
