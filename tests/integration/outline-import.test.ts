import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkNotFoundError } from '../../src/lib/server/errors';
import { exportNetwork } from '../../src/lib/server/networks/service';
import { importOutline } from '../../src/lib/server/outline/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { newId, nowIso } from '../../src/lib/server/ids';
import { dialects, migratedDb, type TestDb } from '../db';
import type { Db } from '../../src/lib/server/db';

const page = readFileSync(new URL('../fixtures/peru-directory.txt', import.meta.url), 'utf8');

async function emptyNetwork(db: Db, slug = 'demo') {
	const now = nowIso();
	await db
		.insertInto('network')
		.values({
			id: newId(),
			slug,
			name_es: 'Red de prueba',
			name_en: null,
			country_code: 'PE',
			contact_email: null,
			summary_es: null,
			summary_en: null,
			created_at: now,
			updated_at: now
		})
		.execute();
}

async function counts(db: Db) {
	const places = await db
		.selectFrom('place')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const coalitions = await db
		.selectFrom('coalition')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return { places: Number(places.n), coalitions: Number(coalitions.n) };
}

describe.each(dialects())('importing an outline on %s', (dialect) => {
	let handle: TestDb;
	afterEach(async () => handle?.close());

	it('builds the whole directory of the page into an empty network, then changes nothing', async () => {
		handle = await migratedDb(dialect);
		await emptyNetwork(handle.db);
		const first = await importOutline(handle.db, 'demo', page);
		expect(first.coalitionsCreated).toHaveLength(55);
		expect(first.placesCreated.filter((p) => p.path.length === 0).map((p) => p.name)).toEqual([
			'Lima Metropolitan Area',
			'Andean Region and East of the Andes',
			'Costal Region'
		]);
		const exported = await exportNetwork(handle.db, 'demo');
		expect(exported.coalitions.find((c) => c.name === 'Nicolás de Piérola')?.path).toEqual([
			'Lima Metropolitan Area',
			'Lurigancho',
			'Nicolás de Piérola'
		]);
		expect(exported.places.find((p) => p.name === 'Cerro Colorado')?.kind).toBe('district');
		expect(exported.places.find((p) => p.name === 'Arequipa')?.kind).toBe('city');

		const before = await counts(handle.db);
		const second = await importOutline(handle.db, 'demo', page);
		expect(second.placesCreated).toEqual([]);
		expect(second.coalitionsCreated).toEqual([]);
		expect(second.coalitionsMatched).toBe(55);
		expect(await counts(handle.db)).toEqual(before);
	});

	it('recognises the seeded Peru network in the page, reporting the glued line', async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const before = await counts(handle.db);
		const report = await importOutline(handle.db, 'peru', page);
		expect(report.placesCreated).toEqual([]);
		expect(report.coalitionsCreated).toEqual([]);
		expect(report.coalitionsMatched).toBe(55);
		expect(report.problems).toEqual([
			expect.objectContaining({
				line: 10,
				code: 'glued_name',
				used: 'Cercado de Lima',
				ignored: 'Villa Los Reyes'
			})
		]);
		expect(await counts(handle.db)).toEqual(before);
	});

	it('adds new lines beside what exists, infers the phase from neighbours, deletes nothing', async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const before = await counts(handle.db);
		const outline = [
			'Costal Region',
			'',
			'\t• Piura',
			'\t\t• Castilla',
			'\t\t\t• Talarita',
			'\t\t\t\t\t• Campo Polo', // a skipped level
			'Región Selva Central',
			'  - Satipo',
			'    - Río Negro',
			'  -',
			''
		].join('\r\n');
		const report = await importOutline(handle.db, 'peru', outline);
		expect(report.coalitionsCreated.map((c) => [c.name, c.phaseInferred])).toEqual([
			['Campo Polo', true],
			['Río Negro', false]
		]);
		expect(report.problems.map((p) => [p.line, p.code])).toEqual([
			[6, 'skipped_level'],
			[10, 'empty_name']
		]);
		const exported = await exportNetwork(handle.db, 'peru');
		const campo = exported.coalitions.find((c) => c.name === 'Campo Polo')!;
		expect(campo).toMatchObject({ phase: 3, phaseInferred: true });
		expect(campo.path).toEqual(['Región Costa', 'Piura', 'Castilla', 'Talarita', 'Campo Polo']);
		// Coordinates come from the nearest place that has them, flagged approximate.
		expect(campo).toMatchObject({ latitude: -5.2, longitude: -80.62, approximate: true });
		const after = await counts(handle.db);
		expect(after.coalitions).toBe(before.coalitions + 2);
		expect(after.places).toBe(before.places + 5);
	});

	it('writes nothing on a dry run', async () => {
		handle = await migratedDb(dialect);
		await emptyNetwork(handle.db);
		const report = await importOutline(handle.db, 'demo', page, { dryRun: true });
		expect(report.coalitionsCreated).toHaveLength(55);
		expect(await counts(handle.db)).toEqual({ places: 0, coalitions: 0 });
	});

	it('refuses an unknown network', async () => {
		handle = await migratedDb(dialect);
		await expect(importOutline(handle.db, 'nowhere', page)).rejects.toBeInstanceOf(
			NetworkNotFoundError
		);
	});
});
