import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/lib/server/errors';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import {
	coalitionIndicators,
	confirmSurvey,
	createIndicator,
	deleteSurveyUpload,
	listIndicators,
	measuresFor,
	measureTrends,
	networkMeasures,
	previewSurvey,
	recordValue,
	seedCoreIndicators,
	setTarget,
	surveySummary,
	updateIndicator,
	updateSurveySettings
} from '../../src/lib/server/surveys/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

function fixture(name: string): Uint8Array {
	return new Uint8Array(readFileSync(new URL(`../fixtures/survey/${name}`, import.meta.url)));
}

describe.each(dialects())('youth surveys and indicators on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let admin: ReturnType<typeof actorWith>;
	let coordinator: ReturnType<typeof actorWith>;
	let viewer: ReturnType<typeof actorWith>;
	let sumbi: ReturnType<typeof actorWith>;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		admin = actorWith('network_admin', ids.networkId);
		coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		viewer = actorWith('viewer', ids.networkId);
		sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	});
	afterAll(async () => handle?.close());

	const count = async (table: 'survey_upload' | 'indicator_value' | 'survey_response') =>
		Number(
			(
				await handle.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const stored = () =>
		Promise.all([count('survey_upload'), count('indicator_value'), count('survey_response')]);
	const value = (coalitionId: string, period: string, indicator: string, cell: string) =>
		handle.db
			.selectFrom('indicator_value')
			.select(['numerator', 'denominator'])
			.where('coalition_id', '=', coalitionId)
			.where('period', '=', period)
			.where('indicator_id', '=', `core.${indicator}`)
			.where('cell', '=', cell)
			.execute();

	it('loads the 16 core indicators once', async () => {
		expect(await seedCoreIndicators(handle.db)).toBe(0);
		const { indicators, canEdit } = await listIndicators(handle.db, viewer, ids.networkId);
		expect(canEdit).toBe(false);
		const core = indicators.filter((i) => i.kind === 'core');
		expect(core).toHaveLength(16);
		expect(core.find((i) => i.code === 'past30_use.alcohol')).toMatchObject({
			id: 'core.past30_use.alcohol',
			nameEs: 'Consumo en los últimos 30 días: alcohol',
			nameEn: 'Past 30-day use: alcohol',
			unit: 'percent'
		});
	});

	it('previews a file without storing anything, then stores its counts on confirmation', async () => {
		const input = {
			coalitionId: ids.callaoNorte,
			period: '2025',
			fileName: 'clean.csv',
			bytes: fixture('clean.csv')
		};
		const preview = await previewSurvey(handle.db, coordinator, input);
		if (preview.status !== 'ready') throw new Error(preview.status);
		expect(preview).toMatchObject({
			rowsTotal: 30,
			respondents: 30,
			rowsWithProblems: 0,
			problems: [],
			respondentsByGrade: { '1S': 12, '3S': 12, '5S': 6 },
			uploadsInPeriod: 0,
			rawKept: false
		});
		expect(preview.totals[0]).toEqual({
			indicator: 'past30_use.alcohol',
			numerator: 12,
			denominator: 30,
			percent: 40
		});
		expect(await stored()).toEqual([0, 0, 0]);

		const result = await confirmSurvey(handle.db, coordinator, {
			...input,
			expectedHash: preview.fileHash
		});
		expect(result.status).toBe('stored');
		// 16 indicators × 12 cells (total, 3 grades, 2 sexes, 6 grade × sex), as counts.
		expect(await stored()).toEqual([1, 192, 0]);
		expect(await value(ids.callaoNorte, '2025', 'past30_use.alcohol', 'all')).toEqual([
			{ numerator: 12, denominator: 30 }
		]);
		expect(await value(ids.callaoNorte, '2025', 'past30_use.alcohol', 'grade:5S|sex:M')).toEqual([
			{ numerator: 1, denominator: 3 }
		]);
		const upload = await handle.db
			.selectFrom('survey_upload')
			.selectAll()
			.executeTakeFirstOrThrow();
		expect(upload).toMatchObject({
			period: '2025',
			rows_total: 30,
			rows_with_problems: 0,
			uploaded_by: 'user-coordinator'
		});
		expect(upload.file_hash).toMatch(/^[0-9a-f]{64}$/);
		const audit = await handle.db
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_type', '=', 'survey_upload')
			.execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after_json!)).toMatchObject({ respondents: 30, rawKept: false });
		expect(audit[0].after_json).not.toContain('1S');
	});

	it('recognizes the same file again and counts nothing twice', async () => {
		const input = {
			coalitionId: ids.callaoNorte,
			period: '2025',
			fileName: 'copia.csv',
			bytes: fixture('clean.csv')
		};
		const before = await stored();
		const preview = await previewSurvey(handle.db, coordinator, input);
		expect(preview).toMatchObject({ status: 'duplicate', period: '2025', fileName: 'clean.csv' });
		expect(await confirmSurvey(handle.db, coordinator, { ...input, period: '2024' })).toMatchObject(
			{ status: 'duplicate' }
		);
		expect(await stored()).toEqual(before);
		expect(await value(ids.callaoNorte, '2025', 'past30_use.alcohol', 'all')).toHaveLength(1);
	});

	it('refuses unreadable or incomplete files and a changed file, storing nothing', async () => {
		const before = await stored();
		const base = { coalitionId: ids.callaoNorte, period: '2025' };
		const missing = await confirmSurvey(handle.db, coordinator, {
			...base,
			fileName: 'missing-column.csv',
			bytes: fixture('missing-column.csv')
		});
		expect(missing).toMatchObject({
			status: 'refused',
			code: 'missing_columns',
			missingColumns: ['grade', 'rx_peer_wrong']
		});
		expect(
			await confirmSurvey(handle.db, coordinator, {
				...base,
				fileName: 'empty.csv',
				bytes: fixture('empty.csv')
			})
		).toEqual({ status: 'refused', code: 'no_rows' });
		expect(
			await confirmSurvey(handle.db, coordinator, {
				...base,
				fileName: 'x.csv',
				bytes: new Uint8Array([0x61, 0x81, 0x00, 0x62])
			})
		).toEqual({ status: 'refused', code: 'encoding_unreadable' });
		expect(
			await confirmSurvey(handle.db, coordinator, {
				...base,
				period: '20x5',
				fileName: 'problems.csv',
				bytes: fixture('problems.csv')
			})
		).toEqual({ status: 'invalid', errors: { period: 'year_invalid' } });
		expect(
			await confirmSurvey(handle.db, coordinator, {
				...base,
				period: '2024',
				fileName: 'problems.csv',
				bytes: fixture('problems.csv'),
				expectedHash: 'abc'
			})
		).toEqual({ status: 'changed' });
		expect(await stored()).toEqual(before);
	});

	it('lets only those who may edit the coalition import', async () => {
		const input = {
			coalitionId: ids.huaro,
			period: '2025',
			fileName: 'clean.csv',
			bytes: fixture('clean.csv')
		};
		for (const actor of [coordinator, viewer, sumbi, null]) {
			await expect(previewSurvey(handle.db, actor, input)).rejects.toBeInstanceOf(NotFoundError);
			await expect(confirmSurvey(handle.db, actor, input)).rejects.toBeInstanceOf(NotFoundError);
		}
		await expect(
			previewSurvey(handle.db, coordinator, { ...input, coalitionId: 'no-such-id' })
		).rejects.toBeInstanceOf(NotFoundError);
		// The same file for another coalition is a different upload.
		expect((await confirmSurvey(handle.db, admin, input)).status).toBe('stored');
		expect(
			(
				await confirmSurvey(handle.db, sumbi, {
					...input,
					coalitionId: ids.callaoNorte,
					period: '2023',
					fileName: 'encuesta-2023.csv',
					bytes: fixture('spanish-1252.csv')
				})
			).status
		).toBe('stored');
	});

	it("shows the coalition's staff every cell and suppresses small cells for everyone else", async () => {
		const own = await measuresFor(handle.db, coordinator, ids.callaoNorte, '2025');
		expect(own).toMatchObject({ suppressedView: false, previousPeriod: '2023', minCell: 10 });
		expect(own.grades).toEqual(['1S', '3S', '5S']);
		const alcohol = own.rows.find((r) => r.indicator === 'past30_use.alcohol')!;
		expect(alcohol.cells['grade:5S']).toEqual({
			numerator: 3,
			denominator: 6,
			percent: 50,
			suppressed: false
		});
		// 2023: 3 of 6 (50%); 2025: 12 of 30 (40%).
		expect(alcohol.previous.all).toMatchObject({ numerator: 3, denominator: 6, percent: 50 });
		expect(alcohol.change.all).toBeCloseTo(-10, 9);
		expect(own.uploads.map((u) => u.period)).toEqual(['2023', '2025']);

		for (const reader of [viewer]) {
			const seen = await measuresFor(handle.db, reader, ids.callaoNorte, '2025');
			expect(seen.suppressedView).toBe(true);
			expect(seen.uploads).toEqual([]);
			const row = seen.rows.find((r) => r.indicator === 'past30_use.alcohol')!;
			const hidden = { numerator: null, denominator: null, percent: null, suppressed: true };
			expect(row.cells['grade:5S']).toEqual(hidden);
			expect(row.cells['grade:1S']).toEqual(hidden);
			expect(row.cells['grade:1S|sex:F']).toEqual(hidden);
			expect(row.cells['grade:3S']).toEqual({
				numerator: 5,
				denominator: 12,
				percent: 500 / 12,
				suppressed: false
			});
			expect(row.cells.all).toMatchObject({ numerator: 12, denominator: 30, suppressed: false });
			// 2023 had 6 students: every cell is under 10, so there is no change to show.
			expect(row.previous.all).toEqual(hidden);
			expect(row.change.all).toBeNull();
		}
		const json = await measuresFor(handle.db, viewer, ids.callaoNorte, '2025', { json: true });
		expect(
			json.measures.find((m) => m.indicator === 'past30_use.alcohol' && m.cell === 'grade:5S')
		).toMatchObject({
			numerator: null,
			percent: null,
			suppressed: true
		});
		expect(
			json.measures.find((m) => m.indicator === 'past30_use.alcohol' && m.cell === 'all')
		).toMatchObject({
			percent: 40,
			previousPercent: null
		});
		// SUMBI supports Callao Norte (its own staff); Huaro is not theirs to see at all.
		expect((await measuresFor(handle.db, sumbi, ids.callaoNorte, '2025')).suppressedView).toBe(
			false
		);
		await expect(measuresFor(handle.db, sumbi, ids.huaro, '2025')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(measuresFor(handle.db, coordinator, ids.huaro, '2025')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(measuresFor(handle.db, viewer, ids.huaro, 'soon')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('pools the network by adding counts, suppressing for non-staff', async () => {
		const byRegion = await networkMeasures(handle.db, admin, ids.networkId, '2025', {
			by: 'region'
		});
		expect(byRegion.suppressedView).toBe(false);
		expect(byRegion.network['past30_use.alcohol'].all).toMatchObject({
			numerator: 24,
			denominator: 60,
			percent: 40
		});
		expect(byRegion.groups.length).toBe(2);
		const regionTotal = byRegion.groups.reduce(
			(n, g) => n + (g.cells['perceived_risk.tobacco'].all?.numerator ?? 0),
			0
		);
		expect(regionTotal).toBe(50);
		expect(byRegion.periods).toEqual(['2023', '2025']);

		const asViewer = await networkMeasures(handle.db, viewer, ids.networkId, '2025', {
			by: 'coalition'
		});
		expect(asViewer.groups.map((g) => g.slug).sort()).toEqual(['callao-norte', 'huaro']);
		for (const g of asViewer.groups) {
			expect(g.cells['past30_use.alcohol']['grade:5S']?.suppressed).toBe(true);
			expect(g.cells['past30_use.alcohol'].all?.numerator).toBe(12);
		}
		expect(asViewer.network['past30_use.alcohol']['grade:5S']).toMatchObject({
			numerator: 6,
			denominator: 12
		});
		// A coordinator sees their own coalition in full and no other by name.
		const asCoordinator = await networkMeasures(handle.db, coordinator, ids.networkId, '2025', {
			by: 'coalition'
		});
		expect(asCoordinator.groups.map((g) => g.slug)).toEqual(['callao-norte']);
		expect(asCoordinator.groups[0].cells['past30_use.alcohol']['grade:5S']?.suppressed).toBe(false);
		await expect(
			networkMeasures(handle.db, null, ids.networkId, '2025', { by: 'region' })
		).rejects.toBeInstanceOf(NotFoundError);

		const trends = await measureTrends(handle.db, coordinator, ids.callaoNorte);
		const alcohol = trends.series.find((s) => s.indicator === 'past30_use.alcohol')!;
		expect(alcohol.coalition.map((p) => p.percent)).toEqual([50, 40]);
		expect(alcohol.network[1]).toMatchObject({ numerator: 24, denominator: 60 });
		expect(await surveySummary(handle.db, viewer, ids.callaoNorte)).toMatchObject({
			latestPeriod: '2025',
			periods: ['2023', '2025'],
			uploads: 2
		});
	});

	it('keeps raw answers only when the network opts in', async () => {
		expect(await count('survey_response')).toBe(0);
		expect(
			await updateSurveySettings(handle.db, admin, ids.networkId, {
				keepRawSurvey: 'on',
				suppressionMin: '10'
			})
		).toEqual({ status: 'ok', id: ids.networkId });
		await expect(
			updateSurveySettings(handle.db, coordinator, ids.networkId, { suppressionMin: '1' })
		).rejects.toBeInstanceOf(NotFoundError);
		const result = await confirmSurvey(handle.db, admin, {
			coalitionId: ids.huaro,
			period: '2024',
			fileName: 'problems.csv',
			bytes: fixture('problems.csv')
		});
		if (result.status !== 'stored') throw new Error(result.status);
		expect(result).toMatchObject({
			rowsTotal: 10,
			respondents: 8,
			rowsWithProblems: 6,
			rawKept: true
		});
		const raw = await handle.db
			.selectFrom('survey_response')
			.selectAll()
			.where('upload_id', '=', result.uploadId)
			.orderBy('line')
			.execute();
		expect(raw.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(JSON.parse(raw[2].answers_json)).toMatchObject({
			grade: '2S',
			sex: 'M',
			alcohol_days_30: 'x'
		});
		const audit = await handle.db
			.selectFrom('audit_event')
			.select('after_json')
			.where('entity_id', '=', result.uploadId)
			.executeTakeFirstOrThrow();
		expect(audit.after_json).not.toContain('alcohol_days_30');

		// Deleting the upload removes its counts and raw answers; the file may then come again.
		await expect(
			deleteSurveyUpload(handle.db, coordinator, result.uploadId)
		).rejects.toBeInstanceOf(NotFoundError);
		await deleteSurveyUpload(handle.db, admin, result.uploadId);
		expect(await count('survey_response')).toBe(0);
		expect(await value(ids.huaro, '2024', 'past30_use.alcohol', 'all')).toEqual([]);
		expect(
			(
				await previewSurvey(handle.db, admin, {
					coalitionId: ids.huaro,
					period: '2024',
					fileName: 'problems.csv',
					bytes: fixture('problems.csv')
				})
			).status
		).toBe('ready');
		await updateSurveySettings(handle.db, admin, ids.networkId, { suppressionMin: '10' });
	});

	it('keeps custom indicators with values and targets', async () => {
		expect(
			await createIndicator(handle.db, admin, ids.networkId, { nameEs: 'x', unit: 'ratio' })
		).toMatchObject({ status: 'invalid', errors: { nameEs: 'too_short', unit: 'invalid' } });
		await expect(
			createIndicator(handle.db, coordinator, ids.networkId, { nameEs: 'Puntos', unit: 'count' })
		).rejects.toBeInstanceOf(NotFoundError);
		const created = await createIndicator(handle.db, admin, ids.networkId, {
			nameEs: 'Puntos de venta de alcohol cerca de colegios',
			nameEn: 'Alcohol outlets near schools',
			unit: 'count',
			source: 'Municipalidad'
		});
		if (created.status !== 'ok') throw new Error('not created');
		const share = await createIndicator(handle.db, admin, ids.networkId, {
			nameEs: 'Colegios con programa de prevención',
			unit: 'percent'
		});
		if (share.status !== 'ok') throw new Error('not created');
		expect(
			await updateIndicator(handle.db, admin, created.id, {
				nameEs: 'Puntos de venta de alcohol a menos de 100 m de colegios',
				unit: 'count'
			})
		).toEqual({ status: 'ok', id: created.id });
		await expect(
			updateIndicator(handle.db, admin, 'core.past30_use.alcohol', {
				nameEs: 'Otro',
				unit: 'count'
			})
		).rejects.toBeInstanceOf(NotFoundError);

		const base = { indicatorId: created.id, coalitionId: ids.callaoNorte, period: '2025' };
		expect(await recordValue(handle.db, coordinator, { ...base, numerator: '14' })).toMatchObject({
			status: 'ok'
		});
		expect(
			await recordValue(handle.db, coordinator, {
				...base,
				numerator: '15',
				notes: 'Recuento de junio'
			})
		).toMatchObject({ status: 'ok' });
		await expect(
			recordValue(handle.db, viewer, { ...base, numerator: '1' })
		).rejects.toBeInstanceOf(NotFoundError);
		expect(
			await recordValue(handle.db, coordinator, {
				...base,
				indicatorId: 'core.past30_use.alcohol',
				numerator: '3',
				denominator: '10'
			})
		).toMatchObject({ status: 'invalid', errors: { indicatorId: 'core_from_survey' } });
		expect(
			await recordValue(handle.db, coordinator, {
				...base,
				indicatorId: share.id,
				numerator: '12',
				denominator: '10'
			})
		).toMatchObject({ status: 'invalid', errors: { numerator: 'numerator_exceeds' } });
		expect(await recordValue(handle.db, coordinator, { ...base, numerator: '-2' })).toMatchObject({
			status: 'invalid',
			errors: { numerator: 'number_invalid' }
		});

		const target = {
			indicatorId: 'core.past30_use.alcohol',
			coalitionId: ids.callaoNorte,
			baselineValue: '40',
			baselinePeriod: '2025',
			targetValue: '30',
			targetPeriod: '2027'
		};
		expect(await setTarget(handle.db, coordinator, target)).toMatchObject({ status: 'ok' });
		expect(await setTarget(handle.db, coordinator, { ...target, targetValue: '25' })).toMatchObject(
			{
				status: 'ok'
			}
		);
		expect(
			await setTarget(handle.db, coordinator, { ...target, targetPeriod: '2020' })
		).toMatchObject({ status: 'invalid', errors: { targetPeriod: 'years_order' } });
		expect(
			await setTarget(handle.db, coordinator, { ...target, targetValue: '130' })
		).toMatchObject({ status: 'invalid', errors: { targetValue: 'number_invalid' } });
		await expect(setTarget(handle.db, viewer, target)).rejects.toBeInstanceOf(NotFoundError);

		const view = await coalitionIndicators(handle.db, viewer, ids.callaoNorte);
		expect(view.canEdit).toBe(false);
		const outlets = view.indicators.find((i) => i.id === created.id)!;
		expect(outlets.values).toEqual([
			expect.objectContaining({
				period: '2025',
				numerator: 15,
				value: 15,
				notes: 'Recuento de junio'
			})
		]);
		const alcohol = view.indicators.find((i) => i.id === 'core.past30_use.alcohol')!;
		expect(alcohol.target).toEqual({
			baselineValue: 40,
			baselinePeriod: '2025',
			targetValue: 25,
			targetPeriod: '2027'
		});
		const history = await handle.db
			.selectFrom('audit_event')
			.select(['entity_type', 'action'])
			.where('entity_type', 'in', ['indicator', 'indicator_value', 'indicator_target'])
			.orderBy('created_at')
			.execute();
		expect(history.map((h) => `${h.entity_type}:${h.action}`).sort()).toEqual([
			'indicator:create',
			'indicator:create',
			'indicator:update',
			'indicator_target:create',
			'indicator_target:update',
			'indicator_value:create',
			'indicator_value:update'
		]);
	});
});
