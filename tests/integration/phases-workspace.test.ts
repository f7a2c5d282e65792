import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import {
	createPhase,
	deletePhase,
	listPhasesFor,
	phaseForEdit,
	phaseJsonBody,
	updatePhase
} from '../../src/lib/server/phases/workspace';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('editing phases on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	const idOf = async (
		table: 'place' | 'phase',
		column: 'name' | 'number',
		value: string | number
	) =>
		(
			await handle.db
				.selectFrom(table)
				.select('id')
				.where(column as never, '=', value as never)
				.executeTakeFirstOrThrow()
		).id;
	const count = async (table: 'phase' | 'phase_goal' | 'phase_place' | 'audit_event') =>
		Number(
			(
				await handle.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const counts = async () =>
		Promise.all(
			(['phase', 'phase_goal', 'phase_place', 'audit_event'] as const).map((t) => count(t))
		);

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	const admin = () => actorWith('network_admin', ids.networkId);

	it('lists the phases by number with their goals, target places and recorded coalitions', async () => {
		const list = await listPhasesFor(handle.db, admin(), ids.networkId, {});
		expect(list.rows.map((r) => [r.number, r.startYear, r.coalitions])).toEqual([
			[1, 2004, 37],
			[2, 2009, 7],
			[3, 2015, 11]
		]);
		expect(list.rows[0].goals).toEqual([
			{ metric: 'coalitions', target: 40, byYear: 2009 },
			{ metric: 'districts', target: 12, byYear: 2009 }
		]);
		expect(list.rows[1].targetPlaces).toContain('Tingo María');
		expect(list.canCreate).toBe(true);
	});

	it('searches ignoring accents and case, filters by year, sorts and pages', async () => {
		const numbers = async (query: Parameters<typeof listPhasesFor>[3]) =>
			(await listPhasesFor(handle.db, admin(), ids.networkId, query)).rows.map((r) => r.number);
		expect(await numbers({ q: 'ANDES' })).toEqual([2]);
		expect(await numbers({ q: 'andés y oriente' })).toEqual([2]);
		expect(await numbers({ q: 'lima pilot' })).toEqual([1]);
		expect(await numbers({ year: '2009' })).toEqual([1, 2]);
		expect(await numbers({ year: '2020' })).toEqual([2, 3]);
		expect(await numbers({ year: 'soon' })).toEqual([1, 2, 3]);
		expect(await numbers({ sort: '-number' })).toEqual([3, 2, 1]);
		expect(await numbers({ sort: 'name' })).toEqual([2, 3, 1]);
		expect(await numbers({ sort: '-name' })).toEqual([1, 3, 2]);
		const beyond = await listPhasesFor(handle.db, admin(), ids.networkId, { page: 2 });
		expect(beyond).toMatchObject({ rows: [], total: 3, pages: 1, page: 2 });
	});

	it('lets an administrator create, edit and delete a phase, recording before and after', async () => {
		const tingo = await idOf('place', 'name', 'Tingo María');
		const piura = await idOf('place', 'name', 'Piura');
		const created = await createPhase(handle.db, admin(), ids.networkId, {
			number: '4',
			nameEs: 'Selva central',
			startYear: '2020',
			goalMetric1: 'coalitions',
			goalTarget1: '10',
			goalByYear1: '2030',
			targetPlaceIds: [tingo, piura]
		});
		expect(created.status).toBe('ok');
		const id = (created as { id: string }).id;
		const record = await phaseForEdit(handle.db, admin(), id);
		expect(record.canEdit).toBe(true);
		expect(record.canDelete).toBe(true);
		expect(record.values).toMatchObject({
			number: '4',
			nameEs: 'Selva central',
			goalMetric1: 'coalitions',
			goalTarget1: '10',
			goalByYear1: '2030',
			goalMetric2: ''
		});
		expect(record.values.targetPlaceIds.split(',').sort()).toEqual([tingo, piura].sort());

		const updated = await updatePhase(handle.db, admin(), id, {
			...record.values,
			nameEn: 'Central rainforest',
			endYear: '2024',
			goalMetric2: 'cities',
			goalTarget2: '2',
			targetPlaceIds: tingo
		});
		expect(updated).toEqual({ status: 'ok', id });
		const after = await phaseForEdit(handle.db, admin(), id);
		expect(after.values).toMatchObject({
			endYear: '2024',
			goalMetric2: 'cities',
			goalTarget2: '2'
		});
		expect(after.values.targetPlaceIds).toBe(tingo);
		const history = await historyOf(handle.db, 'phase', id);
		expect(history.map((h) => h.action)).toEqual(['update', 'create']);
		expect(history[0].changes).toEqual(
			expect.arrayContaining([
				{ field: 'nameEn', before: null, after: 'Central rainforest' },
				{ field: 'endYear', before: null, after: 2024 },
				{
					field: 'goals',
					before: 'coalitions: 10 (2030)',
					after: 'coalitions: 10 (2030); cities: 2'
				},
				{ field: 'targetPlaces', before: 'Piura, Tingo María', after: 'Tingo María' }
			])
		);
		expect(after.history).toHaveLength(2);

		const before = await counts();
		expect(await deletePhase(handle.db, admin(), id)).toEqual({ status: 'ok' });
		const [phases, goals, places, events] = await counts();
		expect([phases, goals, places, events]).toEqual([
			before[0] - 1,
			before[1] - 2,
			before[2] - 1,
			before[3] + 1
		]);
		const trail = await historyOf(handle.db, 'phase', id);
		expect(trail[0]).toMatchObject({ action: 'delete', entityLabel: '4. Selva central' });
		await expect(phaseForEdit(handle.db, admin(), id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('keeps the source text of the goals an edit leaves as they were', async () => {
		const id = await idOf('phase', 'number', 1);
		const record = await phaseForEdit(handle.db, admin(), id);
		expect(record.canDelete).toBe(false);
		const result = await updatePhase(handle.db, admin(), id, {
			...record.values,
			goalTarget2: '13'
		});
		expect(result.status).toBe('ok');
		const goals = await handle.db
			.selectFrom('phase_goal')
			.select(['metric', 'target', 'source_text'])
			.where('phase_id', '=', id)
			.orderBy('sort_order')
			.execute();
		expect(goals).toEqual([
			{
				metric: 'coalitions',
				target: 40,
				source_text: 'By 2009, a network of 40 coalitions in 12 districts'
			},
			{ metric: 'districts', target: 13, source_text: null }
		]);
	});

	it('refuses bad input and a taken number with codes per field, writing nothing', async () => {
		const before = await counts();
		const bad = await createPhase(handle.db, admin(), ids.networkId, {
			number: '0',
			nameEs: 'X',
			startYear: '1970',
			goalMetric1: 'schools',
			goalTarget2: '-3',
			summaryEs: 'Se conserva'
		});
		expect(bad).toMatchObject({
			status: 'invalid',
			errors: {
				number: 'number_invalid',
				nameEs: 'too_short',
				startYear: 'year_invalid',
				goalMetric1: 'invalid',
				goalTarget2: 'number_invalid'
			},
			values: { number: '0', nameEs: 'X', summaryEs: 'Se conserva' }
		});
		const order = await createPhase(handle.db, admin(), ids.networkId, {
			number: '5',
			nameEs: 'Fase al revés',
			startYear: '2020',
			endYear: '2019'
		});
		expect(order).toMatchObject({ status: 'invalid', errors: { endYear: 'years_order' } });
		const noTarget = await createPhase(handle.db, admin(), ids.networkId, {
			number: '5',
			nameEs: 'Fase sin meta',
			startYear: '2020',
			goalMetric1: 'cities'
		});
		expect(noTarget).toMatchObject({ status: 'invalid', errors: { goalTarget1: 'required' } });
		const taken = await createPhase(handle.db, admin(), ids.networkId, {
			number: '2',
			nameEs: 'Otra segunda fase',
			startYear: '2020',
			targetPlaceIds: 'no-such-place'
		});
		expect(taken).toMatchObject({
			status: 'invalid',
			errors: { number: 'number_taken', targetPlaceIds: 'not_found' },
			values: { targetPlaceIds: 'no-such-place' }
		});
		const three = await idOf('phase', 'number', 3);
		const record = await phaseForEdit(handle.db, admin(), three);
		const renumber = await updatePhase(handle.db, admin(), three, {
			...record.values,
			number: '1'
		});
		expect(renumber).toMatchObject({ status: 'invalid', errors: { number: 'number_taken' } });
		expect(await counts()).toEqual(before);
	});

	it('refuses to save over a newer change, keeping the typed values', async () => {
		const id = await idOf('phase', 'number', 3);
		const first = await phaseForEdit(handle.db, admin(), id);
		expect(
			(await updatePhase(handle.db, admin(), id, { ...first.values, summaryEn: 'Newer' })).status
		).toBe('ok');
		const stale = await updatePhase(handle.db, admin(), id, {
			...first.values,
			summaryEs: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { summaryEs: 'Mi versión' } });
		expect((await phaseForEdit(handle.db, admin(), id)).values.summaryEn).toBe('Newer');
	});

	it('refuses to delete a phase that coalitions or partners refer to', async () => {
		const id = await idOf('phase', 'number', 2);
		const before = await counts();
		expect(await deletePhase(handle.db, admin(), id)).toEqual({
			status: 'in_use',
			coalitions: 7,
			partners: 4
		});
		expect(await counts()).toEqual(before);
	});

	it('lets every role view and list, and only administrators write', async () => {
		const id = await idOf('phase', 'number', 2);
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		const viewer = actorWith('viewer', ids.networkId);
		const partner = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		for (const actor of [coordinator, viewer, partner]) {
			const record = await phaseForEdit(handle.db, actor, id);
			expect(record).toMatchObject({ canEdit: false, canDelete: false });
			const list = await listPhasesFor(handle.db, actor, ids.networkId, {});
			expect(list.total).toBe(3);
			expect(list.canCreate).toBe(false);
			await expect(
				updatePhase(handle.db, actor, id, { ...record.values, nameEs: 'Otra' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(
				createPhase(handle.db, actor, ids.networkId, {
					number: '9',
					nameEs: 'Nueva',
					startYear: '2024'
				})
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(deletePhase(handle.db, actor, id)).rejects.toBeInstanceOf(NotFoundError);
		}
		const stranger = actorWith('network_admin', 'another-network');
		await expect(phaseForEdit(handle.db, stranger, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listPhasesFor(handle.db, null, ids.networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('reads the target places of a JSON body as an array or as text', async () => {
		const body = (value: unknown) =>
			phaseJsonBody(
				new Request('http://localhost/api/v1/phases', {
					method: 'POST',
					body: typeof value === 'string' ? value : JSON.stringify(value)
				})
			);
		expect(await body({ number: 5, targetPlaceIds: ['a', 'b'], endYear: null })).toEqual({
			number: '5',
			targetPlaceIds: 'a,b',
			endYear: ''
		});
		expect(await body({ targetPlaceIds: 'a, b' })).toEqual({ targetPlaceIds: 'a,b' });
		expect(await body({ nameEs: 'Sin lugares' })).toEqual({ nameEs: 'Sin lugares' });
		expect(await body('not json')).toBeNull();
		expect(await body([1])).toBeNull();

		const tingo = await idOf('place', 'name', 'Tingo María');
		const input = await body({
			number: 6,
			nameEs: 'Desde JSON',
			startYear: 2024,
			goalMetric1: 'communities',
			goalTarget1: 3,
			targetPlaceIds: [tingo]
		});
		const created = await createPhase(handle.db, admin(), ids.networkId, input!);
		expect(created.status).toBe('ok');
		const record = await phaseForEdit(handle.db, admin(), (created as { id: string }).id);
		expect(record.values).toMatchObject({
			number: '6',
			goalMetric1: 'communities',
			goalTarget1: '3',
			targetPlaceIds: tingo
		});
	});
});
