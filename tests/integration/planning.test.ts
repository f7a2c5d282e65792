import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/lib/server/errors';
import {
	activityTrail,
	listActivities,
	logActivity,
	newActivityForm
} from '../../src/lib/server/planning/activities';
import {
	changeForEdit,
	changeSeries,
	listChanges,
	recordChange
} from '../../src/lib/server/planning/changes';
import {
	addItem,
	approveModel,
	createModelVersion,
	getModel,
	listModels,
	removeItem,
	updateItem
} from '../../src/lib/server/planning/logic-model';
import {
	createStory,
	listCoalitionStories,
	storyForEdit,
	storyReviews,
	storyTransition,
	updateStory
} from '../../src/lib/server/planning/stories';
import {
	createTask,
	listTasks,
	overdueTasks,
	updateTask
} from '../../src/lib/server/planning/tasks';
import { planningSummary } from '../../src/lib/server/planning/summary';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { findPublishedStory, listPublishedStories } from '../../src/lib/server/stories/queries';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const TODAY = '2026-11-27';

describe.each(dialects())('planning and action on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	const admin = () => actorWith('network_admin', ids.networkId);
	const sumbi = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	const viewer = () => actorWith('viewer', ids.networkId);
	const callao = () => actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const huaro = () => actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });

	// The 2024 model's ids, built in the first test and used by the later ones.
	let model2024: string;
	let condition2024: string;
	let strategy2024: string;
	let taskId: string;

	const ok = <T extends { status: string }>(r: T) => {
		expect(r.status, JSON.stringify(r)).toBe('ok');
		return r as Extract<T, { status: 'ok' }>;
	};

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('keeps an approved 2024 model readable and unchanged while 2025 is drafted', async () => {
		const db = handle.db;
		model2024 = ok(
			await createModelVersion(db, callao(), ids.callaoNorte, { title: 'Plan 2024' })
		).id;
		const problem = ok(
			await addItem(db, callao(), model2024, {
				kind: 'problem',
				textEs: 'Consumo de alcohol en adolescentes'
			})
		).id;
		const cause = ok(
			await addItem(db, callao(), model2024, {
				kind: 'root_cause',
				parentId: problem,
				textEs: 'Fácil acceso al alcohol'
			})
		).id;
		condition2024 = ok(
			await addItem(db, callao(), model2024, {
				kind: 'local_condition',
				parentId: cause,
				textEs: 'Bodegas cerca de colegios venden a menores'
			})
		).id;
		strategy2024 = ok(
			await addItem(db, callao(), model2024, {
				kind: 'strategy',
				parentId: condition2024,
				textEs: 'Ordenanza de horarios de venta',
				strategyCode: 'modify_policies'
			})
		).id;
		const indicator = await db
			.selectFrom('indicator')
			.select('id')
			.orderBy('code')
			.executeTakeFirstOrThrow();
		ok(
			await addItem(db, callao(), model2024, {
				kind: 'outcome',
				parentId: strategy2024,
				textEs: 'Menos venta a menores',
				outcomeTerm: 'intermediate',
				indicatorId: indicator.id,
				baselineValue: '40',
				targetValue: '25'
			})
		);

		// The chain is enforced: a strategy cannot hang straight from a problem.
		expect(
			await addItem(db, callao(), model2024, {
				kind: 'strategy',
				parentId: problem,
				textEs: 'Charlas',
				strategyCode: 'provide_information'
			})
		).toMatchObject({ status: 'invalid', errors: { parentId: 'parent_invalid' } });

		// Coordinators draft; only the hub approves.
		await expect(approveModel(db, callao(), model2024, '2024-03-01')).rejects.toThrow(
			NotFoundError
		);
		expect(await approveModel(db, sumbi(), model2024, '2024-03-01')).toEqual({ status: 'ok' });
		expect(
			await addItem(db, callao(), model2024, { kind: 'problem', textEs: 'Otro problema' })
		).toMatchObject({ status: 'invalid', errors: { _form: 'model_locked' } });

		const before = await getModel(db, callao(), model2024);
		const model2025 = ok(
			await createModelVersion(db, callao(), ids.callaoNorte, { title: 'Plan 2025' })
		).id;
		expect(
			await createModelVersion(db, callao(), ids.callaoNorte, { title: 'Otro' })
		).toMatchObject({ status: 'invalid', errors: { title: 'draft_exists' } });
		const draft = await getModel(db, callao(), model2025);
		expect(draft.model).toMatchObject({ version: 2, status: 'draft' });
		expect(draft.items).toHaveLength(before.items.length);
		const copiedStrategy = draft.items.find((i) => i.kind === 'strategy')!;
		ok(
			await updateItem(db, callao(), copiedStrategy.id, {
				...copiedStrategy.values,
				textEs: 'Fiscalización de la ordenanza',
				strategyCode: 'change_consequences'
			})
		);
		expect(
			await removeItem(db, callao(), draft.items.find((i) => i.kind === 'outcome')!.id)
		).toEqual({ status: 'ok' });

		const after = await getModel(db, viewer(), model2024);
		expect(after.items).toEqual(before.items);
		expect(after.model.status).toBe('approved');
		expect(after.canEdit).toBe(false);

		ok(await approveModel(db, admin(), model2025, '2025-02-01'));
		const versions = await listModels(db, viewer(), ids.callaoNorte);
		expect(versions.models.map((m) => [m.version, m.status])).toEqual([
			[2, 'approved'],
			[1, 'archived']
		]);
		expect(versions.canEdit).toBe(false);
		expect((await getModel(db, viewer(), model2024)).items).toEqual(before.items);
	});

	it('keeps models inside their coalition’s scope', async () => {
		const db = handle.db;
		await expect(getModel(db, huaro(), model2024)).rejects.toThrow(NotFoundError);
		await expect(
			createModelVersion(db, viewer(), ids.callaoNorte, { title: 'Plan' })
		).rejects.toThrow(NotFoundError);
		// SUMBI supports phase-1 coalitions only: Huaro is not its to approve.
		const huaroModel = ok(
			await createModelVersion(db, huaro(), ids.huaro, { title: 'Plan Huaro' })
		).id;
		await expect(approveModel(db, sumbi(), huaroModel, TODAY)).rejects.toThrow(NotFoundError);
		expect(await approveModel(db, admin(), huaroModel, TODAY)).toEqual({
			status: 'refused',
			code: 'model_empty'
		});
	});

	it('links an activity to its task, strategy and local condition', async () => {
		const db = handle.db;
		taskId = ok(
			await createTask(db, callao(), ids.callaoNorte, {
				modelItemId: strategy2024,
				title: 'Presentar la propuesta de ordenanza al concejo',
				owner: 'Rosa Quispe',
				dueOn: '2026-10-30',
				status: 'doing',
				resources: 'Impresiones',
				processMeasure: 'Propuesta presentada'
			})
		).id;
		// A task cannot hang from another coalition's plan.
		expect(
			await createTask(db, huaro(), ids.huaro, {
				modelItemId: strategy2024,
				title: 'Tarea ajena',
				status: 'todo'
			})
		).toMatchObject({ status: 'invalid', errors: { modelItemId: 'not_found' } });

		const logged = await logActivity(
			db,
			callao(),
			ids.callaoNorte,
			{
				happenedOn: '2026-11-20',
				description: 'Reunión con regidores',
				taskId,
				kind: 'community_action',
				reachedAdultF: '4',
				reachedAdultM: '3',
				sectors: 'government_substance_agency|civic_volunteer'
			},
			TODAY
		);
		const trail = await activityTrail(db, viewer(), ok(logged).id);
		expect(trail.strategyCode).toBe('modify_policies');
		expect(trail.reachedTotal).toBe(7);
		expect(trail.plan).toMatchObject({
			task: { id: taskId },
			strategy: { id: strategy2024, code: 'modify_policies' },
			localCondition: { id: condition2024 }
		});
		await expect(activityTrail(db, huaro(), ok(logged).id)).rejects.toThrow(NotFoundError);

		// The form offers the task with the strategy and condition it serves; only editors get it.
		const form = await newActivityForm(db, callao(), ids.callaoNorte, TODAY);
		expect(form.values).toMatchObject({ happenedOn: TODAY, kind: 'community_action' });
		expect(form.tasks).toEqual([
			expect.objectContaining({
				id: taskId,
				plan: expect.objectContaining({
					strategy: expect.objectContaining({ code: 'modify_policies' }),
					localCondition: expect.objectContaining({ id: condition2024 })
				})
			})
		]);
		await expect(newActivityForm(db, viewer(), ids.callaoNorte)).rejects.toThrow(NotFoundError);
		await expect(newActivityForm(db, huaro(), ids.callaoNorte)).rejects.toThrow(NotFoundError);
		const page = await listActivities(db, viewer(), ids.callaoNorte);
		expect(page.activities[0]).toMatchObject({
			description: 'Reunión con regidores',
			plan: { task: { id: taskId }, localCondition: { id: condition2024 } }
		});

		const tasks = await listTasks(db, viewer(), ids.callaoNorte, TODAY);
		expect(tasks.tasks).toHaveLength(1);
		expect(tasks.tasks[0]).toMatchObject({ overdue: true, item: { id: strategy2024 } });
		expect(tasks.canEdit).toBe(false);

		const overdue = await overdueTasks(db, sumbi(), ids.networkId, TODAY);
		expect(overdue.map((t) => t.id)).toEqual([taskId]);
		expect(await overdueTasks(db, huaro(), ids.networkId, TODAY)).toEqual([]);
		ok(await updateTask(db, callao(), taskId, { ...tasks.tasks[0].values, status: 'done' }));
		expect(await overdueTasks(db, sumbi(), ids.networkId, TODAY)).toEqual([]);
		// The owner's name stays out of the trail.
		const audit = await db
			.selectFrom('audit_event')
			.select(['before_json', 'after_json'])
			.where('entity_id', '=', taskId)
			.execute();
		expect(JSON.stringify(audit)).not.toContain('Quispe');
	});

	it('refuses counts that do not add up and future days, storing nothing', async () => {
		const db = handle.db;
		const count = async () =>
			Number(
				(
					await db
						.selectFrom('activity')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const before = await count();
		const form = {
			happenedOn: '2026-11-21',
			description: 'Charla en el colegio',
			strategyCode: 'provide_information',
			kind: 'dissemination',
			reachedYouthF: '20',
			reachedYouthM: '18',
			reachedTotal: '40'
		};
		const mismatch = await logActivity(db, callao(), ids.callaoNorte, form, TODAY);
		expect(mismatch).toMatchObject({
			status: 'invalid',
			errors: { reachedTotal: 'counts_mismatch' },
			values: { description: 'Charla en el colegio', reachedTotal: '40' }
		});
		const future = await logActivity(
			db,
			callao(),
			ids.callaoNorte,
			{ ...form, reachedTotal: '38', happenedOn: '2026-11-28' },
			TODAY
		);
		expect(future).toMatchObject({ status: 'invalid', errors: { happenedOn: 'date_future' } });
		expect(await count()).toBe(before);
		await expect(
			logActivity(db, viewer(), ids.callaoNorte, { ...form, reachedTotal: '38' }, TODAY)
		).rejects.toThrow(NotFoundError);
		await expect(
			logActivity(db, huaro(), ids.callaoNorte, { ...form, reachedTotal: '38' }, TODAY)
		).rejects.toThrow(NotFoundError);
		expect(await count()).toBe(before);
	});

	it('stores an offline draft sent twice only once', async () => {
		const db = handle.db;
		const form = {
			happenedOn: '2026-11-25',
			description: 'Pasacalle sin conexión',
			strategyCode: 'provide_information',
			kind: 'community_action',
			reachedTotal: '60',
			clientDraftId: 'draft-abc123'
		};
		const first = ok(await logActivity(db, callao(), ids.callaoNorte, form, TODAY));
		const [second, third] = await Promise.all([
			logActivity(db, callao(), ids.callaoNorte, form, TODAY),
			logActivity(db, callao(), ids.callaoNorte, form, TODAY)
		]);
		expect(ok(second)).toMatchObject({ id: first.id, duplicate: true });
		expect(ok(third)).toMatchObject({ id: first.id, duplicate: true });
		const list = await listActivities(db, viewer(), ids.callaoNorte);
		expect(list.activities.filter((a) => a.description === 'Pasacalle sin conexión')).toHaveLength(
			1
		);
	});

	it('draws the cumulative series of changes with key events marked', async () => {
		const db = handle.db;
		const change = (input: Record<string, string>, actor = callao(), coalition = ids.callaoNorte) =>
			recordChange(db, actor, coalition, { kind: 'program', title: 'Cambio', ...input }, TODAY);
		ok(
			await change({
				kind: 'policy',
				title: 'Ordenanza municipal de horarios de venta de alcohol',
				sector: 'government_substance_agency',
				localConditionItemId: condition2024,
				happenedOn: '2026-06-10',
				evidence: 'https://example.org/ordenanza.pdf',
				status: 'adopted'
			})
		);
		ok(await change({ happenedOn: '2026-06-20', status: 'proposed' }));
		ok(await change({ kind: 'practice', happenedOn: '2026-08-02', status: 'enforced' }));
		ok(await change({ happenedOn: '2026-07-01', status: 'adopted' }, huaro(), ids.huaro));
		expect(await change({ happenedOn: '2026-12-01', status: 'proposed' })).toMatchObject({
			status: 'invalid',
			errors: { happenedOn: 'date_future' }
		});
		expect(
			await change({
				happenedOn: '2026-06-01',
				status: 'adopted',
				localConditionItemId: strategy2024
			})
		).toMatchObject({ status: 'invalid', errors: { localConditionItemId: 'not_found' } });

		const series = await changeSeries(
			db,
			viewer(),
			{ coalitionId: ids.callaoNorte },
			{ today: TODAY }
		);
		expect(series.from).toBe('2026-06');
		expect(series.points.map((p) => [p.month, p.cumulative])).toEqual([
			['2026-06', 2],
			['2026-07', 2],
			['2026-08', 3],
			['2026-09', 3],
			['2026-10', 3],
			['2026-11', 3]
		]);
		// A young record is drawn over at least a year, counting from the first change if older.
		const year = await changeSeries(
			db,
			viewer(),
			{ coalitionId: ids.callaoNorte },
			{ today: TODAY, minMonths: 12 }
		);
		expect([year.from, year.to, year.points.length]).toEqual(['2025-12', '2026-11', 12]);
		expect(year.points.at(-1)?.cumulative).toBe(3);
		expect(series.points[0].keyEvents.map((e) => e.title)).toEqual([
			'Ordenanza municipal de horarios de venta de alcohol'
		]);
		// The network's curve counts what the reader may see: everything for the hub and viewers,
		// only their own coalition for a coordinator.
		const range = { from: '2026-06', to: '2026-08' };
		const network = await changeSeries(db, viewer(), { networkId: ids.networkId }, range);
		expect(network.points.map((p) => p.cumulative)).toEqual([2, 3, 4]);
		expect(network.coalitions).toBeNull();
		const ownOnly = await changeSeries(db, huaro(), { networkId: ids.networkId }, range);
		expect(ownOnly.points.map((p) => p.cumulative)).toEqual([0, 1, 1]);
		expect(ownOnly.coalitions).toBe(1);
		expect(JSON.stringify(ownOnly)).not.toContain('Ordenanza');
		await expect(changeSeries(db, null, { networkId: ids.networkId }, range)).rejects.toThrow(
			NotFoundError
		);
		await expect(changeSeries(db, huaro(), { coalitionId: ids.callaoNorte })).rejects.toThrow(
			NotFoundError
		);
		const listed = await listChanges(db, viewer(), ids.callaoNorte);
		expect(listed.changes[0].localCondition).toBeNull();
		expect(listed.changes.at(-1)?.localCondition?.id).toBe(condition2024);
	});

	it('marks trainings and institutes on the change graphs, and opens a change for editing', async () => {
		const db = handle.db;
		const now = new Date().toISOString();
		const event = async (id: string, title: string, kind: string, startsOn: string) =>
			db
				.insertInto('training_event')
				.values({
					id,
					network_id: ids.networkId,
					title,
					title_search: title.toLowerCase(),
					kind,
					starts_on: startsOn,
					ends_on: null,
					place: null,
					organizer_id: null,
					topics: '',
					hours: 6,
					description: null,
					created_at: now,
					updated_at: now
				})
				.execute();
		await event('ev-local', 'Taller de abogacía', 'local_workshop', '2026-07-04');
		await event('ev-institute', 'Instituto de medio año', 'international_institute', '2026-07-20');
		await event('ev-unattended', 'Taller en otra ciudad', 'local_workshop', '2026-07-10');
		await db
			.insertInto('person')
			.values({
				id: 'person-ms',
				network_id: ids.networkId,
				first_name: 'Ana',
				last_name: 'Rojas',
				name_search: 'ana rojas',
				email: null,
				phone: null,
				gender: null,
				birth_year: 1985,
				age_group: '30_59',
				erased_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await db
			.insertInto('training_attendance')
			.values({
				id: 'att-ms',
				event_id: 'ev-local',
				person_id: 'person-ms',
				coalition_id: ids.callaoNorte,
				hours: 6,
				certificate_code: 'CERT-MS-1',
				created_at: now
			})
			.execute();
		const range = { from: '2026-06', to: '2026-08' };
		const own = await changeSeries(db, viewer(), { coalitionId: ids.callaoNorte }, range);
		expect(own.milestones.map((m) => [m.kind, m.titleEs, m.on])).toEqual([
			['training', 'Taller de abogacía', '2026-07-04']
		]);
		const network = await changeSeries(db, viewer(), { networkId: ids.networkId }, range);
		expect(network.milestones.map((m) => m.titleEs)).toEqual(['Instituto de medio año']);
		// Outside the range, nothing is marked.
		const later = await changeSeries(
			db,
			viewer(),
			{ coalitionId: ids.callaoNorte },
			{ from: '2026-09', to: '2026-11' }
		);
		expect(later.milestones).toEqual([]);

		const listed = await listChanges(db, viewer(), ids.callaoNorte);
		const ordinance = listed.changes.find((c) => c.kind === 'policy')!;
		const form = await changeForEdit(db, viewer(), ordinance.id);
		expect(form).toMatchObject({
			canEdit: false,
			values: { status: 'adopted', localConditionItemId: condition2024 }
		});
		expect(form.conditionOptions.map((o) => o.value)).toContain(condition2024);
		expect((await changeForEdit(db, callao(), ordinance.id)).canEdit).toBe(true);
		await expect(changeForEdit(db, huaro(), ordinance.id)).rejects.toThrow(NotFoundError);
		await expect(changeForEdit(db, callao(), 'missing')).rejects.toThrow(NotFoundError);
	});

	it('sums planning and action up at a glance', async () => {
		const summary = await planningSummary(handle.db, viewer(), ids.callaoNorte, TODAY);
		expect(summary).toMatchObject({
			approvedModel: { version: 2, approvedOn: '2025-02-01' },
			draftModelId: null,
			openTasks: 0,
			overdueTasks: 0,
			activitiesThisYear: 2,
			reachedThisYear: 67,
			changes: 3,
			policiesInForce: 1
		});
		await expect(planningSummary(handle.db, huaro(), ids.callaoNorte, TODAY)).rejects.toThrow(
			NotFoundError
		);
	});

	it('moves a story through review to the public site and back', async () => {
		const db = handle.db;
		expect(await createStory(db, callao(), ids.callaoNorte, { bodyEs: 'Texto' })).toMatchObject({
			status: 'invalid',
			errors: { titleEs: 'required' },
			values: { bodyEs: 'Texto' }
		});
		await expect(
			createStory(db, viewer(), ids.callaoNorte, { titleEs: 'Historia', bodyEs: 'Texto' })
		).rejects.toThrow(NotFoundError);
		const storyId = ok(
			await createStory(db, callao(), ids.callaoNorte, {
				titleEs: 'Callao Norte logra su ordenanza',
				summaryEs: 'La municipalidad limitó los horarios de venta de alcohol.',
				bodyEs: '**La comunidad** se organizó.'
			})
		).id;
		const draft = await storyForEdit(db, callao(), storyId);
		expect(draft).toMatchObject({ status: 'draft', canEdit: true, next: ['in_review'] });
		expect(draft.values.slug).toBe('callao-norte-logra-su-ordenanza');
		const isPublic = async () =>
			(await listPublishedStories(db, ids.networkId, { coalitionId: ids.callaoNorte })).some(
				(s) => s.id === storyId
			);
		const move = (actor: ReturnType<typeof admin>, to: string, comment = '') =>
			storyTransition(db, actor, storyId, { to, comment });

		expect(await isPublic()).toBe(false);
		await expect(move(viewer(), 'in_review')).rejects.toThrow(NotFoundError);
		await expect(move(huaro(), 'in_review')).rejects.toThrow(NotFoundError);
		ok(await move(callao(), 'in_review'));
		expect(await isPublic()).toBe(false);
		expect(await updateStory(db, callao(), storyId, draft.values)).toMatchObject({
			status: 'invalid',
			errors: { _form: 'story_locked' }
		});
		await expect(move(callao(), 'published')).rejects.toThrow(NotFoundError);
		expect(await move(sumbi(), 'draft')).toMatchObject({
			status: 'invalid',
			errors: { comment: 'comment_required' }
		});
		ok(await move(sumbi(), 'draft', 'Falta el consentimiento de las familias en la foto.'));
		expect((await storyReviews(db, callao(), storyId)).map((r) => r.statusAfter)).toEqual([
			'draft'
		]);
		ok(await move(callao(), 'in_review'));
		ok(await move(sumbi(), 'published'));
		expect(await isPublic()).toBe(true);
		expect(await findPublishedStory(db, draft.values.slug)).toMatchObject({ id: storyId });
		expect(await move(sumbi(), 'in_review')).toMatchObject({
			status: 'invalid',
			errors: { to: 'transition_invalid' }
		});
		ok(await move(sumbi(), 'unpublished'));
		expect(await isPublic()).toBe(false);
		expect(await findPublishedStory(db, draft.values.slug)).toBeUndefined();
		ok(await move(callao(), 'draft'));
		const listed = await listCoalitionStories(db, callao(), ids.callaoNorte);
		expect(listed.stories.find((s) => s.id === storyId)).toMatchObject({
			status: 'draft',
			next: ['in_review']
		});
	});
});
