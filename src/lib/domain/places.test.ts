import { describe, expect, it } from 'vitest';
import {
	buildPlaceTree,
	effectiveCoordinates,
	nearestOfKind,
	PlaceCycleError,
	placePath,
	wouldCreateCycle,
	type PlaceNode
} from './places';

const places: PlaceNode[] = [
	{ id: 'r', parentId: null, kind: 'program_region', name: 'Región Costa' },
	{ id: 'a', parentId: 'r', kind: 'city', name: 'Arequipa', latitude: -16.4, longitude: -71.54 },
	{
		id: 'cc',
		parentId: 'a',
		kind: 'district',
		name: 'Cerro Colorado',
		latitude: -16.38,
		longitude: -71.56
	},
	{ id: 'al', parentId: 'cc', kind: 'community', name: 'Alto Libertad' },
	{ id: 'cv', parentId: 'cc', kind: 'community', name: 'Cerro Viejo', sortOrder: -1 },
	{ id: 't', parentId: 'r', kind: 'city', name: 'Trujillo' }
];
const byId = new Map(places.map((p) => [p.id, p]));

describe('the place tree', () => {
	it('nests places of any depth and orders siblings by their order, then name', () => {
		const [root] = buildPlaceTree(places);
		expect(root.place.name).toBe('Región Costa');
		expect(root.children.map((c) => c.place.name)).toEqual(['Arequipa', 'Trujillo']);
		expect(root.children[0].children[0].children.map((c) => c.place.name)).toEqual([
			'Cerro Viejo',
			'Alto Libertad'
		]);
	});

	it('makes a root of a place whose parent is not in the list', () => {
		const roots = buildPlaceTree(places.filter((p) => p.id !== 'r'));
		expect(roots.map((r) => r.place.name)).toEqual(['Arequipa', 'Trujillo']);
	});

	it('gives the path from the root and finds the nearest place of a kind', () => {
		const path = placePath('al', byId);
		expect(path.map((p) => p.name)).toEqual([
			'Región Costa',
			'Arequipa',
			'Cerro Colorado',
			'Alto Libertad'
		]);
		expect(nearestOfKind(path, ['district'])?.name).toBe('Cerro Colorado');
		expect(nearestOfKind(path, ['city', 'province'])?.name).toBe('Arequipa');
		expect(nearestOfKind(path, ['department'])).toBeUndefined();
	});

	it('falls back to the nearest coordinates above, marked approximate', () => {
		expect(effectiveCoordinates(placePath('al', byId))).toEqual({
			latitude: -16.38,
			longitude: -71.56,
			approximate: true
		});
		expect(effectiveCoordinates(placePath('cc', byId))).toMatchObject({ approximate: false });
		expect(effectiveCoordinates(placePath('t', byId))).toBeNull();
	});

	it('detects cycles instead of looping', () => {
		const loop = new Map<string, PlaceNode>([
			['x', { id: 'x', parentId: 'y', kind: 'district', name: 'X' }],
			['y', { id: 'y', parentId: 'x', kind: 'district', name: 'Y' }]
		]);
		expect(() => placePath('x', loop)).toThrow(PlaceCycleError);
		expect(wouldCreateCycle('a', 'al', byId)).toBe(true);
		expect(wouldCreateCycle('al', 't', byId)).toBe(false);
		expect(wouldCreateCycle('a', null, byId)).toBe(false);
	});
});
