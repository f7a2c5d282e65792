import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCoalitionsByName } from '../../src/lib/server/coalitions/service';
import {
	dataCheck,
	exportNetwork,
	type NetworkExport
} from '../../src/lib/server/networks/service';
import { seedDefaultIfEmpty, seedNetwork } from '../../src/lib/server/seed/service';
import { peru } from '../../src/lib/server/seed/peru';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('the Peru network on %s', (dialect) => {
	let handle: TestDb;
	let exported: NetworkExport;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		const first = await seedDefaultIfEmpty(handle.db);
		expect(first).toMatchObject({ network: 'peru', created: true, coalitions: 55 });
		exported = await exportNetwork(handle.db, 'peru');
	});
	afterAll(async () => handle?.close());

	it('loads only into an empty database, once', async () => {
		expect(await seedDefaultIfEmpty(handle.db)).toBeNull();
		expect(await seedNetwork(handle.db, peru)).toMatchObject({ created: false });
		expect((await exportNetwork(handle.db, 'peru')).coalitions).toHaveLength(55);
	});

	it('places every coalition of the directory under its region and city or district', () => {
		const byName = (name: string) => exported.coalitions.filter((c) => c.name === name);
		expect(byName('Callao Norte')[0].path).toEqual([
			'Lima Metropolitana',
			'Callao',
			'Callao Norte'
		]);
		expect(byName('Alto Libertad')[0].path).toEqual([
			'Región Costa',
			'Arequipa',
			'Cerro Colorado',
			'Alto Libertad'
		]);
		expect(byName('Nicolás de Piérola')[0].path[1]).toBe('Lurigancho');
		// The same community name in two districts gives two coalitions with distinct slugs.
		const mariategui = byName('José Carlos Mariátegui');
		expect(mariategui.map((c) => c.path[1]).sort()).toEqual([
			'San Juan de Lurigancho',
			'Villa María del Triunfo'
		]);
		expect(new Set(mariategui.map((c) => c.slug)).size).toBe(2);
		const regions = new Map<string, number>();
		for (const c of exported.coalitions) regions.set(c.path[0], (regions.get(c.path[0]) ?? 0) + 1);
		expect(Object.fromEntries(regions)).toEqual({
			'Lima Metropolitana': 37,
			'Región Andina y Oriente': 9,
			'Región Costa': 9
		});
	});

	it('gives every coalition a phase and coordinates, marking the inferred ones', () => {
		for (const c of exported.coalitions) {
			expect(c.phase, c.name).not.toBeNull();
			expect(c.latitude, c.name).toBeTypeOf('number');
			expect(c.longitude, c.name).toBeTypeOf('number');
			// Inside Peru's bounding box.
			expect(c.latitude!).toBeGreaterThan(-18.5);
			expect(c.latitude!).toBeLessThan(0);
			expect(c.longitude!).toBeGreaterThan(-81.5);
			expect(c.longitude!).toBeLessThan(-68.5);
		}
		const huaro = exported.coalitions.find((c) => c.name === 'Huaro')!;
		expect(huaro).toMatchObject({ phase: 3, phaseInferred: true, approximate: false });
		const callao = exported.coalitions.find((c) => c.name === 'Callao Norte')!;
		expect(callao).toMatchObject({ phase: 1, phaseInferred: false, approximate: true });
		const counts = [1, 2, 3].map((n) => exported.coalitions.filter((c) => c.phase === n).length);
		expect(counts).toEqual([37, 7, 11]);
	});

	it('keeps the three phases with their years, goals and partners', () => {
		expect(exported.phases.map((p) => [p.number, p.startYear])).toEqual([
			[1, 2004],
			[2, 2009],
			[3, 2015]
		]);
		expect(exported.phases[0].goals).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ metric: 'coalitions', target: 40, byYear: 2009 }),
				expect.objectContaining({ metric: 'districts', target: 12 })
			])
		);
		expect(exported.partners.map((p) => p.slug).sort()).toEqual([
			'cadca',
			'cedro',
			'creser',
			'nas',
			'sumbi'
		]);
		const creser = exported.partners.find((p) => p.slug === 'creser')!;
		expect(creser.roles.map((r) => r.phase).sort()).toEqual([1, 2, 3]);
		expect(exported.partners.find((p) => p.slug === 'nas')!.kind).toBe('funder');
	});

	it('lists where the stated numbers and the directory disagree', async () => {
		const findings = await dataCheck(handle.db, 'peru');
		const goals = findings.filter((f) => f.code === 'goal_differs');
		expect(goals).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ phaseNumber: 1, metric: 'coalitions', stated: 40, recorded: 37 }),
				expect.objectContaining({ phaseNumber: 2, metric: 'coalitions', stated: 12, recorded: 7 }),
				expect.objectContaining({ phaseNumber: 3, metric: 'cities', stated: 6, recorded: 5 })
			])
		);
		// Twelve districts were stated and twelve are listed: no finding for that goal.
		expect(goals.some((g) => g.phaseNumber === 1 && g.metric === 'districts')).toBe(false);
		expect(findings).toContainEqual(
			expect.objectContaining({ code: 'target_place_without_coalitions', placeName: 'Huánuco' })
		);
		expect(
			findings
				.filter((f) => f.code === 'phase_inferred')
				.map((f) => f.coalitionName)
				.sort()
		).toEqual(['Huaro', 'Las Palmeras', 'Urcos']);
	});

	it('finds coalitions by name ignoring accents and case', async () => {
		const network = exported.network;
		expect(network.slug).toBe('peru');
		const networkId = (
			await handle.db
				.selectFrom('network')
				.select('id')
				.where('slug', '=', 'peru')
				.executeTakeFirstOrThrow()
		).id;
		const names = async (term: string) =>
			(await findCoalitionsByName(handle.db, networkId, term)).map((c) => c.name).sort();
		expect(await names('MARIATEGUI')).toEqual([
			'José Carlos Mariátegui',
			'José Carlos Mariátegui',
			'Mariátegui'
		]);
		expect(await names('piérola')).toEqual(['Nicolás de Piérola']);
		expect(await names('ermitano')).toEqual(['El Ermitaño']);
		// Wildcards typed by a person are taken literally.
		expect(await names('%')).toEqual([]);
		expect(await names('sector_')).toEqual([]);
	});
});
