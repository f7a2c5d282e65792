import { describe, expect, it } from 'vitest';
import type { PlaceNode } from './places';
import { checkNetworkData, countMetric, type QualityCoalition } from './quality';

const places: PlaceNode[] = [
	{
		id: 'lima',
		parentId: null,
		kind: 'program_region',
		name: 'Lima',
		latitude: -12,
		longitude: -77
	},
	{ id: 'd1', parentId: 'lima', kind: 'district', name: 'Callao' },
	{ id: 'd2', parentId: 'lima', kind: 'district', name: 'Rímac' },
	{ id: 'c1', parentId: 'd1', kind: 'community', name: 'Callao Norte' },
	{ id: 'c2', parentId: 'd1', kind: 'community', name: 'La Chalaca' },
	{ id: 'c3', parentId: 'd2', kind: 'community', name: 'Manzano' },
	{ id: 'andes', parentId: null, kind: 'program_region', name: 'Andes' },
	{ id: 'hco', parentId: 'andes', kind: 'city', name: 'Huánuco' },
	{ id: 'toc', parentId: 'andes', kind: 'city', name: 'Tocache' },
	{ id: 'vm', parentId: 'toc', kind: 'community', name: 'Villa Mercedes' }
];
const byId = new Map(places.map((p) => [p.id, p]));

const coalition = (
	id: string,
	placeId: string,
	phaseId: string | null,
	extra: Partial<QualityCoalition> = {}
): QualityCoalition => ({
	id,
	name: id,
	placeId,
	phaseId,
	phaseInferred: false,
	status: 'active',
	...extra
});

describe('data-quality rules', () => {
	it('counts coalitions, districts, cities and communities', () => {
		const list = [
			coalition('a', 'c1', 'p1'),
			coalition('b', 'c2', 'p1'),
			coalition('c', 'c3', 'p1')
		];
		expect(countMetric('coalitions', list, byId)).toBe(3);
		expect(countMetric('districts', list, byId)).toBe(2);
		expect(countMetric('communities', list, byId)).toBe(3);
		expect(countMetric('cities', [coalition('d', 'vm', 'p2')], byId)).toBe(1);
		// Districts listed straight under a metropolitan region count as one city: the region.
		expect(countMetric('cities', list, byId)).toBe(1);
	});

	it('reports stated goals that differ, target places without coalitions, and inferences', () => {
		const findings = checkNetworkData({
			phases: [
				{
					id: 'p1',
					number: 1,
					name: 'Lima',
					goals: [
						{ metric: 'coalitions', target: 40, byYear: 2009, sourceText: '40 coalitions' },
						{ metric: 'districts', target: 2, byYear: 2009, sourceText: null }
					],
					targetPlaceIds: ['lima']
				},
				{
					id: 'p2',
					number: 2,
					name: 'Andes',
					goals: [{ metric: 'cities', target: 2, byYear: null, sourceText: null }],
					targetPlaceIds: ['toc', 'hco']
				}
			],
			places,
			coalitions: [
				coalition('a', 'c1', 'p1'),
				coalition('b', 'c2', 'p1'),
				coalition('c', 'c3', 'p1'),
				coalition('old', 'c3', 'p1', { status: 'archived' }),
				coalition('d', 'vm', 'p2', { phaseInferred: true }),
				coalition('e', 'c1', null)
			]
		});
		expect(findings).toEqual([
			expect.objectContaining({
				code: 'goal_differs',
				phaseNumber: 1,
				metric: 'coalitions',
				stated: 40,
				recorded: 3
			}),
			expect.objectContaining({
				code: 'goal_differs',
				phaseNumber: 2,
				metric: 'cities',
				stated: 2,
				recorded: 1
			}),
			expect.objectContaining({
				code: 'target_place_without_coalitions',
				phaseNumber: 2,
				placeName: 'Huánuco'
			}),
			expect.objectContaining({ code: 'phase_inferred', coalitionName: 'd' }),
			{ code: 'missing_coordinates', coalitionName: 'd' },
			{ code: 'coalition_without_phase', coalitionName: 'e' }
		]);
	});

	it('finds nothing when the record matches what was stated', () => {
		expect(
			checkNetworkData({
				phases: [
					{
						id: 'p1',
						number: 1,
						name: 'x',
						goals: [{ metric: 'coalitions', target: 1, byYear: null, sourceText: null }],
						targetPlaceIds: ['lima']
					}
				],
				places,
				coalitions: [coalition('a', 'c1', 'p1')]
			})
		).toEqual([]);
	});
});
