/**
 * What the plan pages need beyond the planning data layer: the indicators an outcome may be tied
 * to, baselines and targets taken from the coalition's local data, and a task's link kept when
 * its plan is archived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../src/lib/server/ids';
import {
	addItem,
	approveModel,
	createModelVersion,
	getModel
} from '../../src/lib/server/planning/logic-model';
import { createTask, taskForEdit } from '../../src/lib/server/planning/tasks';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('the logic model builder on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let modelId: string;
	let strategyId: string;
	let indicatorId: string;
	const callao = () => actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const viewer = () => actorWith('viewer', ids.networkId);

	const ok = <T extends { status: string }>(r: T) => {
		expect(r.status, JSON.stringify(r)).toBe('ok');
		return r as Extract<T, { status: 'ok' }>;
	};

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		const db = handle.db;
		modelId = ok(
			await createModelVersion(db, callao(), ids.callaoNorte, { title: 'Plan 2026' })
		).id;
		const chain = [
			{ kind: 'problem', textEs: 'Consumo de alcohol en adolescentes' },
			{ kind: 'root_cause', textEs: 'Fácil acceso' },
			{ kind: 'local_condition', textEs: 'Venta a menores cerca de colegios' },
			{ kind: 'strategy', textEs: 'Ordenanza', strategyCode: 'modify_policies' }
		];
		let parentId = '';
		for (const item of chain) {
			parentId = ok(await addItem(db, callao(), modelId, { ...item, parentId })).id;
		}
		strategyId = parentId;
		const indicator = await db
			.selectFrom('indicator')
			.select('id')
			.where('network_id', 'is', null)
			.orderBy('code')
			.executeTakeFirstOrThrow();
		indicatorId = indicator.id;
		const now = nowIso();
		await db
			.insertInto('indicator_target')
			.values({
				id: newId(),
				indicator_id: indicatorId,
				coalition_id: ids.callaoNorte,
				baseline_value: 32.5,
				baseline_period: '2024',
				target_value: 20,
				target_period: '2027',
				created_at: now,
				updated_at: now
			})
			.execute();
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('offers the network’s indicators with the coalition’s recorded baseline and target', async () => {
		const draft = await getModel(handle.db, callao(), modelId);
		const option = draft.indicatorOptions.find((o) => o.value === indicatorId);
		expect(option).toMatchObject({ baselineValue: 32.5, targetValue: 20 });
		expect(draft.indicatorOptions.length).toBeGreaterThan(1);
		// Someone who cannot edit gets no menu to fill.
		expect((await getModel(handle.db, viewer(), modelId)).indicatorOptions).toEqual([]);
	});

	it('fills a missing baseline and target from the local data, keeping what was typed', async () => {
		const db = handle.db;
		const outcome = (extra: Record<string, string>) =>
			addItem(db, callao(), modelId, {
				kind: 'outcome',
				parentId: strategyId,
				textEs: 'Menos consumo',
				outcomeTerm: 'long',
				indicatorId,
				...extra
			});
		const filled = ok(await outcome({}));
		const typed = ok(await outcome({ baselineValue: '30', targetValue: '' }));
		const items = (await getModel(db, callao(), modelId)).items;
		expect(items.find((i) => i.id === filled.id)).toMatchObject({
			baselineValue: 32.5,
			targetValue: 20,
			indicator: { id: indicatorId }
		});
		expect(items.find((i) => i.id === typed.id)).toMatchObject({
			baselineValue: 30,
			targetValue: 20
		});
	});

	it('keeps what was typed when the strategy is not one of the seven', async () => {
		const result = await addItem(handle.db, callao(), modelId, {
			kind: 'strategy',
			parentId: strategyId,
			textEs: 'Campaña en radio',
			strategyCode: 'radio_campaign'
		});
		expect(result).toMatchObject({
			status: 'invalid',
			errors: { strategyCode: 'strategy_unknown' },
			values: { textEs: 'Campaña en radio', strategyCode: 'radio_campaign' }
		});
	});

	it('keeps a task’s link to an archived plan when it is edited', async () => {
		const db = handle.db;
		const admin = actorWith('network_admin', ids.networkId);
		const task = ok(
			await createTask(db, callao(), ids.callaoNorte, {
				modelItemId: strategyId,
				title: 'Reunión con el concejo',
				status: 'todo'
			})
		).id;
		ok(await approveModel(db, admin, modelId, '2026-01-10'));
		const next = ok(
			await createModelVersion(db, callao(), ids.callaoNorte, { title: 'Plan 2027' })
		);
		ok(await approveModel(db, admin, next.id, '2027-01-10'));

		const edit = await taskForEdit(db, callao(), task);
		expect(edit.values.modelItemId).toBe(strategyId);
		expect(edit.itemOptions.find((o) => o.value === strategyId)).toMatchObject({
			modelStatus: 'archived'
		});
		// New tasks hang only from the plan in force.
		const inForce = (await getModel(db, callao(), next.id)).items.find(
			(i) => i.kind === 'strategy' && i.textEs === 'Ordenanza'
		);
		expect(edit.itemOptions.filter((o) => o.modelStatus === 'archived')).toHaveLength(1);
		expect(edit.itemOptions.some((o) => o.value === inForce?.id)).toBe(true);
	});
});
