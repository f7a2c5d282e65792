import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANNING_PRODUCTS } from '../../src/lib/domain/capacity';
import { calendarDate } from '../../src/lib/domain/stage';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import {
	coalitionStage,
	networkStages,
	setSpfStage,
	stageSummary,
	updateProduct
} from '../../src/lib/server/stage/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const DOC = 'https://drive.example.org/callao-norte/diagnostico';

describe.each(dialects())('development stage and planning products on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	const coordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const sumbi = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	const admin = () => actorWith('network_admin', ids.networkId);
	const viewer = () => actorWith('viewer', ids.networkId);
	const today = () => calendarDate(new Date());

	const product = async (coalitionId: string, key: string) =>
		handle.db
			.selectFrom('planning_product')
			.selectAll()
			.where('coalition_id', '=', coalitionId)
			.where('product', '=', key)
			.executeTakeFirst();
	const reviewsOf = async (productId: string) =>
		handle.db
			.selectFrom('product_review')
			.selectAll()
			.where('product_id', '=', productId)
			.orderBy('created_at')
			.execute();
	const count = async (table: 'planning_product' | 'product_review' | 'audit_event') =>
		Number(
			(
				await handle.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	it('takes the community assessment through every step a coordinator and the hub may make', async () => {
		const coord = coordinator();
		const hub = sumbi();
		const page = await coalitionStage(handle.db, coord, ids.callaoNorte);
		expect(page.products.map((p) => p.product)).toEqual([...PLANNING_PRODUCTS]);
		expect(page.products.every((p) => p.status === 'not_started')).toBe(true);
		expect(page.products[0].steps.map((s) => s.action)).toEqual(['start']);
		expect(page).toMatchObject({ canEdit: true, isHub: false, spfStage: null });

		// not_started → draft (coordinator): started_on is today, nothing else
		expect(
			await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
				status: 'draft'
			})
		).toEqual({ status: 'ok', action: 'start' });
		let row = (await product(ids.callaoNorte, 'community_assessment'))!;
		expect(row).toMatchObject({
			status: 'draft',
			started_on: today(),
			submitted_on: null,
			approved_on: null,
			document_url: null
		});

		// draft → submitted needs a link
		expect(
			await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
				status: 'submitted',
				comment: 'Listo para revisión'
			})
		).toMatchObject({
			status: 'invalid',
			errors: { documentUrl: 'document_required' },
			values: { status: 'submitted', comment: 'Listo para revisión' }
		});
		// draft → draft stores the link
		expect(
			await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
				status: 'draft',
				documentUrl: DOC
			})
		).toEqual({ status: 'ok', action: 'save' });
		expect(
			await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
				status: 'submitted',
				comment: 'Listo para revisión'
			})
		).toEqual({ status: 'ok', action: 'submit' });
		row = (await product(ids.callaoNorte, 'community_assessment'))!;
		expect(row).toMatchObject({ status: 'submitted', document_url: DOC, submitted_on: today() });

		// The coordinator may not decide on their own submission.
		for (const status of ['approved', 'draft']) {
			expect(
				await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
					status,
					comment: 'Aprobado por nosotros'
				})
			).toMatchObject({ status: 'invalid', errors: { status: 'transition_invalid' } });
		}
		expect((await product(ids.callaoNorte, 'community_assessment'))!.status).toBe('submitted');
		const submitted = await coalitionStage(handle.db, coord, ids.callaoNorte);
		expect(submitted.products[0].steps.map((s) => s.action)).toEqual(['comment']);
		const forHub = await coalitionStage(handle.db, hub, ids.callaoNorte);
		expect(forHub.isHub).toBe(true);
		expect(forHub.products[0].steps.map((s) => s.action)).toEqual(['approve', 'return', 'comment']);

		// submitted → draft (returned) needs the hub's comment
		expect(
			await updateProduct(handle.db, hub, ids.callaoNorte, 'community_assessment', {
				status: 'draft'
			})
		).toMatchObject({ status: 'invalid', errors: { comment: 'comment_required' } });
		expect(
			await updateProduct(handle.db, hub, ids.callaoNorte, 'community_assessment', {
				status: 'draft',
				comment: 'Falta el análisis de factores de riesgo por distrito.'
			})
		).toEqual({ status: 'ok', action: 'return' });
		row = (await product(ids.callaoNorte, 'community_assessment'))!;
		expect(row).toMatchObject({ status: 'draft', submitted_on: null, started_on: today() });

		await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
			status: 'submitted'
		});
		// submitted → approved (hub)
		expect(
			await updateProduct(handle.db, hub, ids.callaoNorte, 'community_assessment', {
				status: 'approved',
				comment: 'Aprobado. Buen trabajo con los datos de la comisaría.'
			})
		).toEqual({ status: 'ok', action: 'approve' });
		row = (await product(ids.callaoNorte, 'community_assessment'))!;
		expect(row).toMatchObject({
			status: 'approved',
			submitted_on: today(),
			approved_on: today()
		});

		const reviews = await reviewsOf(row.id);
		expect(reviews.map((r) => [r.status_after, r.author_label])).toEqual([
			['submitted', 'Test coordinator'],
			['draft', 'Test partner_staff'],
			['approved', 'Test partner_staff']
		]);
		expect(reviews[1].body).toBe('Falta el análisis de factores de riesgo por distrito.');
		const view = await coalitionStage(handle.db, viewer(), ids.callaoNorte);
		expect(view.products[0].reviews.map((r) => r.statusAfter)).toEqual([
			'submitted',
			'draft',
			'approved'
		]);
		expect(view.progress).toEqual({
			approved: 1,
			total: 5,
			next: { product: 'logic_model', status: 'not_started' }
		});

		// approved → draft: a new version, by the coordinator; the audit keeps the approval date
		expect(
			await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
				status: 'draft',
				documentUrl: `${DOC}-v2`
			})
		).toEqual({ status: 'ok', action: 'reopen' });
		row = (await product(ids.callaoNorte, 'community_assessment'))!;
		expect(row).toMatchObject({
			status: 'draft',
			document_url: `${DOC}-v2`,
			approved_on: null,
			submitted_on: null,
			started_on: today()
		});
		const history = await historyOf(handle.db, 'planning_product', row.id);
		// several steps can share a millisecond, so the order of the trail is not asserted
		expect(history.map((h) => h.action).sort()).toEqual(
			['approve', 'reopen', 'return', 'save', 'start', 'submit', 'submit'].sort()
		);
		expect(history.find((h) => h.action === 'reopen')!.changes).toEqual(
			expect.arrayContaining([
				{ field: 'status', before: 'approved', after: 'draft' },
				{ field: 'approvedOn', before: today(), after: null },
				{ field: 'documentUrl', before: DOC, after: `${DOC}-v2` }
			])
		);
		expect(history.find((h) => h.action === 'start')!.changes).toEqual(
			expect.arrayContaining([
				{ field: 'status', before: 'not_started', after: 'draft' },
				{ field: 'startedOn', before: null, after: today() }
			])
		);
	});

	it('keeps review texts out of the audit trail, which names the review by id', async () => {
		const row = (await product(ids.callaoNorte, 'community_assessment'))!;
		const audit = await handle.db
			.selectFrom('audit_event')
			.select(['before_json', 'after_json', 'entity_type', 'entity_label'])
			.where('entity_id', '=', row.id)
			.execute();
		expect(audit.length).toBeGreaterThan(0);
		for (const event of audit) {
			expect(event.entity_type).toBe('planning_product');
			expect(`${event.before_json}${event.after_json}`).not.toContain('Falta el análisis');
		}
		const reviews = await reviewsOf(row.id);
		const returned = audit.find((e) => JSON.parse(e.after_json!).reviewId === reviews[1].id);
		expect(JSON.parse(returned!.after_json!)).toMatchObject({
			status: 'draft',
			reviewId: reviews[1].id
		});
	});

	it('refuses every other transition, for a coordinator and for an administrator, writing nothing', async () => {
		const before = await Promise.all([
			count('planning_product'),
			count('product_review'),
			count('audit_event')
		]);
		const comment = 'Intento';
		const attempts: [ReturnType<typeof admin>, string, string][] = [];
		for (const actor of [coordinator(), admin()]) {
			// logic_model has not started
			for (const status of ['not_started', 'submitted', 'approved']) {
				attempts.push([actor, 'logic_model', status]);
			}
			// community_assessment is a draft again
			for (const status of ['not_started', 'approved']) {
				attempts.push([actor, 'community_assessment', status]);
			}
		}
		for (const [actor, key, status] of attempts) {
			const result = await updateProduct(handle.db, actor, ids.callaoNorte, key, {
				status,
				documentUrl: DOC,
				comment
			});
			expect(result, `${actor.grants[0].role}: ${key} → ${status}`).toMatchObject({
				status: 'invalid',
				errors: { status: 'transition_invalid' }
			});
		}
		// approved → submitted and submitted → not_started, on a product the admin approves first
		const a = admin();
		await updateProduct(handle.db, a, ids.callaoNorte, 'logic_model', { status: 'draft' });
		await updateProduct(handle.db, a, ids.callaoNorte, 'logic_model', {
			status: 'submitted',
			documentUrl: `${DOC}/modelo`
		});
		expect(
			await updateProduct(handle.db, coordinator(), ids.callaoNorte, 'logic_model', {
				status: 'not_started'
			})
		).toMatchObject({ status: 'invalid', errors: { status: 'transition_invalid' } });
		// the administrator is hub staff for every coalition
		expect(
			await updateProduct(handle.db, a, ids.callaoNorte, 'logic_model', { status: 'approved' })
		).toEqual({ status: 'ok', action: 'approve' });
		for (const actor of [coordinator(), a]) {
			for (const status of ['submitted', 'not_started']) {
				expect(
					await updateProduct(handle.db, actor, ids.callaoNorte, 'logic_model', { status })
				).toMatchObject({ status: 'invalid', errors: { status: 'transition_invalid' } });
			}
		}
		const after = await Promise.all([
			count('planning_product'),
			count('product_review'),
			count('audit_event')
		]);
		// only the administrator's three allowed steps wrote anything
		expect(after).toEqual([before[0] + 1, before[1], before[2] + 3]);
	});

	it('does not let the reviewed link change except by going back to draft', async () => {
		expect(
			await updateProduct(handle.db, admin(), ids.callaoNorte, 'logic_model', {
				status: 'approved',
				documentUrl: 'https://drive.example.org/otro',
				comment: 'Otro enlace'
			})
		).toMatchObject({ status: 'invalid', errors: { documentUrl: 'document_locked' } });
		expect(
			await updateProduct(handle.db, coordinator(), ids.callaoNorte, 'logic_model', {
				status: 'approved',
				comment: 'Gracias por la revisión.'
			})
		).toEqual({ status: 'ok', action: 'comment' });
		expect((await product(ids.callaoNorte, 'logic_model'))!.document_url).toBe(`${DOC}/modelo`);
	});

	it('refuses a change made over a newer one, keeping what was typed', async () => {
		const page = await coalitionStage(handle.db, coordinator(), ids.callaoNorte);
		const seen = page.products.find((p) => p.product === 'strategic_action_plan')!;
		expect(seen.version).toBe('');
		await updateProduct(handle.db, sumbi(), ids.callaoNorte, 'strategic_action_plan', {
			status: 'draft'
		});
		const now = await coalitionStage(handle.db, coordinator(), ids.callaoNorte);
		const version = now.products.find((p) => p.product === 'strategic_action_plan')!.version;
		await updateProduct(handle.db, sumbi(), ids.callaoNorte, 'strategic_action_plan', {
			status: 'draft',
			comment: 'Empiecen por la visión.',
			version
		});
		expect(
			await updateProduct(handle.db, coordinator(), ids.callaoNorte, 'strategic_action_plan', {
				status: 'submitted',
				documentUrl: DOC,
				version
			})
		).toEqual({
			status: 'stale',
			values: { status: 'submitted', documentUrl: DOC, comment: '', version }
		});
		expect((await product(ids.callaoNorte, 'strategic_action_plan'))!.status).toBe('draft');
	});

	it('moves the SPF stage freely, audited, warning while the assessment is not submitted', async () => {
		const coord = coordinator();
		expect(await setSpfStage(handle.db, coord, ids.callaoNorte, { spfStage: 'capacity' })).toEqual({
			status: 'ok',
			warning: null
		});
		// the assessment of Callao Norte is a draft again (reopened above)
		expect(
			await setSpfStage(handle.db, coord, ids.callaoNorte, { spfStage: 'implementation' })
		).toEqual({ status: 'ok', warning: 'assessment_pending' });
		expect(await coalitionStage(handle.db, coord, ids.callaoNorte)).toMatchObject({
			spfStage: 'implementation',
			warning: 'assessment_pending'
		});
		// back to the start of the cycle is allowed
		expect(
			await setSpfStage(handle.db, coord, ids.callaoNorte, { spfStage: 'assessment' })
		).toEqual({ status: 'ok', warning: null });
		expect(
			await setSpfStage(handle.db, coord, ids.callaoNorte, { spfStage: 'someday' })
		).toMatchObject({ status: 'invalid', errors: { spfStage: 'invalid' } });

		await updateProduct(handle.db, coord, ids.callaoNorte, 'community_assessment', {
			status: 'submitted'
		});
		expect(await setSpfStage(handle.db, coord, ids.callaoNorte, { spfStage: 'planning' })).toEqual({
			status: 'ok',
			warning: null
		});
		expect(await stageSummary(handle.db, viewer(), ids.callaoNorte)).toEqual({
			spfStage: 'planning',
			approved: 1,
			total: 5,
			nextProduct: { product: 'community_assessment', status: 'submitted' },
			warning: null
		});

		const history = await historyOf(handle.db, 'coalition', ids.callaoNorte);
		const moves = history.filter((h) => h.action === 'stage').map((h) => h.changes);
		expect(moves).toHaveLength(4);
		expect(moves).toEqual(
			expect.arrayContaining([
				[{ field: 'spfStage', before: null, after: 'capacity' }],
				[{ field: 'spfStage', before: 'capacity', after: 'implementation' }],
				[{ field: 'spfStage', before: 'implementation', after: 'assessment' }],
				[{ field: 'spfStage', before: 'assessment', after: 'planning' }]
			])
		);
	});

	it('answers "not found" outside the scope, and lets viewers read but not write', async () => {
		const coord = coordinator();
		const hub = sumbi();
		for (const actor of [coord, hub]) {
			await expect(coalitionStage(handle.db, actor, ids.huaro)).rejects.toBeInstanceOf(
				NotFoundError
			);
			await expect(
				updateProduct(handle.db, actor, ids.huaro, 'community_assessment', { status: 'draft' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(
				setSpfStage(handle.db, actor, ids.huaro, { spfStage: 'planning' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(stageSummary(handle.db, actor, ids.huaro)).rejects.toBeInstanceOf(NotFoundError);
		}
		await expect(coalitionStage(handle.db, coord, 'no-such-id')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			updateProduct(handle.db, coord, ids.callaoNorte, 'budget', { status: 'draft' })
		).rejects.toBeInstanceOf(NotFoundError);

		const read = await coalitionStage(handle.db, viewer(), ids.huaro);
		expect(read).toMatchObject({ canEdit: false, isHub: false });
		expect(read.products.every((p) => p.steps.length === 0)).toBe(true);
		await expect(
			updateProduct(handle.db, viewer(), ids.huaro, 'community_assessment', { status: 'draft' })
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			setSpfStage(handle.db, viewer(), ids.huaro, { spfStage: 'planning' })
		).rejects.toBeInstanceOf(NotFoundError);
		const stranger = actorWith('network_admin', 'another-network');
		await expect(coalitionStage(handle.db, stranger, ids.callaoNorte)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(networkStages(handle.db, stranger, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(networkStages(handle.db, null, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('counts stages and product statuses across the network, with region and phase filters', async () => {
		// Huaro (phase 3): the administrator starts its assessment and sets its stage
		const a = admin();
		await updateProduct(handle.db, a, ids.huaro, 'community_assessment', { status: 'draft' });
		await setSpfStage(handle.db, a, ids.huaro, { spfStage: 'assessment' });

		for (const actor of [viewer(), coordinator(), sumbi(), a]) {
			const all = await networkStages(handle.db, actor, ids.networkId);
			expect(all.total).toBe(all.rows.length);
			const callao = all.rows.find((r) => r.id === ids.callaoNorte)!;
			expect(callao).toMatchObject({ spfStage: 'planning', approved: 1 });
			expect(Object.fromEntries(callao.products.map((p) => [p.product, p.status]))).toEqual({
				community_assessment: 'submitted',
				logic_model: 'approved',
				strategic_action_plan: 'draft',
				evaluation_plan: 'not_started',
				sustainability_plan: 'not_started'
			});
			const byStage = Object.fromEntries(all.stageCounts.map((c) => [String(c.stage), c.count]));
			expect(byStage).toMatchObject({
				assessment: 1,
				capacity: 0,
				planning: 1,
				implementation: 0,
				evaluation: 0,
				null: all.total - 2
			});
			const assessment = all.productCounts.find((p) => p.product === 'community_assessment')!;
			expect(assessment.counts).toEqual({
				not_started: all.total - 2,
				draft: 1,
				submitted: 1,
				approved: 0
			});
			const logic = all.productCounts.find((p) => p.product === 'logic_model')!;
			expect(logic.counts).toMatchObject({ approved: 1, not_started: all.total - 1 });
		}

		// Everyone sees the table; only the coalitions an actor may open are links.
		const opens = async (actor: ReturnType<typeof admin>) =>
			Object.fromEntries(
				(await networkStages(handle.db, actor, ids.networkId)).rows
					.filter((r) => r.id === ids.callaoNorte || r.id === ids.huaro)
					.map((r) => [r.id === ids.callaoNorte ? 'callao' : 'huaro', r.canOpen])
			);
		expect(await opens(coordinator())).toEqual({ callao: true, huaro: false });
		expect(await opens(sumbi())).toEqual({ callao: true, huaro: false });
		expect(await opens(viewer())).toEqual({ callao: true, huaro: true });

		const all = await networkStages(handle.db, a, ids.networkId);
		const phase3 = (
			await handle.db
				.selectFrom('phase')
				.select('id')
				.where('network_id', '=', ids.networkId)
				.where('number', '=', 3)
				.executeTakeFirstOrThrow()
		).id;
		const byPhase = await networkStages(handle.db, a, ids.networkId, { phaseId: phase3 });
		expect(byPhase.rows.some((r) => r.id === ids.huaro)).toBe(true);
		expect(byPhase.rows.some((r) => r.id === ids.callaoNorte)).toBe(false);
		expect(byPhase.stageCounts.find((c) => c.stage === 'planning')!.count).toBe(0);
		expect(byPhase.total).toBeLessThan(all.total);

		const callaoRegion = all.rows.find((r) => r.id === ids.callaoNorte)!.region;
		const region = all.regions.find((r) => r.name === callaoRegion)!;
		const byRegion = await networkStages(handle.db, a, ids.networkId, { regionId: region.id });
		expect(byRegion.rows.some((r) => r.id === ids.callaoNorte)).toBe(true);
		expect(byRegion.rows.some((r) => r.id === ids.huaro)).toBe(false);
		expect(byRegion.rows.every((r) => r.region === callaoRegion)).toBe(true);
	});
});
