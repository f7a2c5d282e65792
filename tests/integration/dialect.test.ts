import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsText, jsonArrayFrom, parseJson, toBool } from '../../src/lib/server/db/dialect';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('the dialect module on %s', (dialect) => {
	let handle: TestDb;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
	});
	afterAll(async () => handle?.close());

	it('writes booleans as booleans and reads them back', async () => {
		const row = await handle.db
			.selectFrom('coalition')
			.select(['phase_inferred'])
			.where('phase_inferred', '=', true)
			.executeTakeFirstOrThrow();
		expect(toBool(row.phase_inferred)).toBe(true);
		const count = await handle.db
			.selectFrom('coalition')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('phase_inferred', '=', false)
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(52);
	});

	it('nests a subquery as JSON the same way on both databases', async () => {
		const { db } = handle;
		const rows = await db
			.selectFrom('phase')
			.select((eb) => [
				'phase.number',
				jsonArrayFrom(
					db,
					eb
						.selectFrom('phase_goal')
						.select(['phase_goal.metric', 'phase_goal.target'])
						.whereRef('phase_goal.phase_id', '=', 'phase.id')
						.orderBy('phase_goal.sort_order')
				).as('goals')
			])
			.orderBy('phase.number')
			.execute();
		expect(rows.map((r) => [r.number, parseJson(r.goals)])).toEqual([
			[
				1,
				[
					{ metric: 'coalitions', target: 40 },
					{ metric: 'districts', target: 12 }
				]
			],
			[
				2,
				[
					{ metric: 'coalitions', target: 12 },
					{ metric: 'cities', target: 5 }
				]
			],
			[
				3,
				[
					{ metric: 'coalitions', target: 13 },
					{ metric: 'cities', target: 6 }
				]
			]
		]);
	});

	it('matches text literally, with % and _ escaped', async () => {
		const names = async (term: string) =>
			(
				await handle.db
					.selectFrom('place')
					.select('name')
					.where((eb) => containsText(eb.ref('name_search'), term))
					.orderBy('name')
					.execute()
			).map((r) => r.name);
		expect(await names('tingo maria')).toEqual(['Tingo María']);
		expect(await names('100%')).toEqual([]);
		expect(await names('_')).toEqual([]);
	});
});
