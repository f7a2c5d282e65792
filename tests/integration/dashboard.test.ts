/**
 * The dashboard's figures and the funder report on a small network whose every number is known:
 * three live coalitions in two regions and two phases (and one archived, which never counts),
 * a seeding chain partner → coalition → coalition → coalition, and survey counts built so that
 * some views fall under the suppression minimum of 10.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/access';
import { INDICATOR_CODES } from '../../src/lib/domain/survey/columns';
import { funderReport, networkDashboard, reportForm } from '../../src/lib/server/dashboard/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { seedCoreIndicators } from '../../src/lib/server/surveys/catalog';
import { coreIndicatorId } from '../../src/lib/server/surveys/queries';
import { actorWith } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const TODAY = '2026-11-27';
const N = 'net-dash';
const stamp = { created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
const MEASURE = INDICATOR_CODES[0];

async function seed(db: TestDb['db']) {
	await seedCoreIndicators(db);
	await db
		.insertInto('network')
		.values({ id: N, slug: 'dash', name_es: 'Red de prueba', country_code: 'PE', ...stamp })
		.execute();
	const place = (id: string, parent: string | null, kind: string) =>
		db
			.insertInto('place')
			.values({
				id,
				network_id: N,
				parent_id: parent,
				kind,
				name: id.toUpperCase(),
				name_search: id,
				latitude: parent ? null : -12,
				longitude: parent ? null : -77,
				...stamp
			})
			.execute();
	await place('r1', null, 'program_region');
	await place('d1', 'r1', 'district');
	await place('k1', 'd1', 'community');
	await place('r2', null, 'program_region');
	await place('d2', 'r2', 'district');
	for (const [id, number, year] of [
		['p1', 1, 2004],
		['p2', 2, 2009]
	] as const) {
		await db
			.insertInto('phase')
			.values({ id, network_id: N, number, name_es: `Fase ${number}`, start_year: year, ...stamp })
			.execute();
	}
	for (const id of ['orga', 'orgb']) {
		await db
			.insertInto('organization')
			.values({
				id,
				slug: id,
				name: id.toUpperCase(),
				name_search: id,
				kind: 'national_ngo',
				...stamp
			})
			.execute();
	}
	const coalition = (
		id: string,
		place_id: string,
		phase_id: string,
		founded_year: number,
		status: string,
		seed: { c?: string; o?: string },
		spf_stage: string | null
	) =>
		db
			.insertInto('coalition')
			.values({
				id,
				network_id: N,
				place_id,
				phase_id,
				name: `Coalición ${id.toUpperCase()}`,
				name_search: id,
				slug: `dash-${id}`,
				founded_year,
				status,
				seeded_by_coalition_id: seed.c ?? null,
				seeded_by_organization_id: seed.o ?? null,
				spf_stage,
				...stamp
			})
			.execute();
	await coalition('c1', 'k1', 'p1', 2004, 'active', { o: 'orga' }, 'assessment');
	await coalition('c2', 'd1', 'p1', 2005, 'active', { c: 'c1' }, 'planning');
	await coalition('c3', 'd2', 'p2', 2009, 'forming', { c: 'c2' }, null);
	await coalition('c4', 'd2', 'p2', 2010, 'archived', {}, 'planning');
	await db
		.insertInto('partner_role')
		.values([
			{
				id: 'pr1',
				organization_id: 'orga',
				network_id: N,
				phase_id: 'p1',
				role: 'training_ta',
				created_at: stamp.created_at
			},
			{
				id: 'pr2',
				organization_id: 'orgb',
				network_id: N,
				coalition_id: 'c3',
				role: 'funding',
				created_at: stamp.created_at
			}
		])
		.execute();

	const members: [string, string, string, string, string | null][] = [
		['m1', 'c1', 'youth', '2019-01-01', null],
		['m2', 'c1', 'youth', '2021-03-01', null],
		['m3', 'c1', 'parents', '2018-01-01', '2020-06-30'],
		['m4', 'c2', 'schools', '2020-05-01', null],
		['m5', 'c3', 'youth', '2022-01-01', null],
		['m6', 'c4', 'media', '2015-01-01', null]
	];
	for (const [id, coalition_id, sector, started_on, ended_on] of members) {
		await db
			.insertInto('person')
			.values({ id, network_id: N, first_name: id, name_search: id, ...stamp })
			.execute();
		await db
			.insertInto('membership')
			.values({
				id,
				coalition_id,
				person_id: id,
				role: 'member',
				sector,
				started_on,
				ended_on,
				...stamp
			})
			.execute();
	}
	for (const [id, starts_on, hours] of [
		['e1', '2020-03-10', 8],
		['e2', '2023-05-01', 4]
	] as const) {
		await db
			.insertInto('training_event')
			.values({
				id,
				network_id: N,
				title: id,
				title_search: id,
				kind: 'local_workshop',
				starts_on,
				hours,
				...stamp
			})
			.execute();
	}
	for (const [id, event_id, person_id, coalition_id, hours] of [
		['a1', 'e1', 'm1', 'c1', null],
		['a2', 'e1', 'm4', 'c2', 6],
		['a3', 'e2', 'm5', 'c3', null],
		['a4', 'e2', 'm6', 'c4', null]
	] as const) {
		await db
			.insertInto('training_attendance')
			.values({
				id,
				event_id,
				person_id,
				coalition_id,
				hours,
				certificate_code: id,
				created_at: stamp.created_at
			})
			.execute();
	}
	for (const [id, coalition_id, contact_on, hours] of [
		['t1', 'c1', '2020-02-01', 2.5],
		['t2', 'c3', '2023-01-01', 3]
	] as const) {
		await db
			.insertInto('ta_contact')
			.values({ id, coalition_id, contact_on, mode: 'remote', hours, topic: 'planning', ...stamp })
			.execute();
	}
	const activity = (
		id: string,
		coalition_id: string,
		happened_on: string,
		strategy_code: string | null,
		reached: [number, number, number, number] | null
	) =>
		db
			.insertInto('activity')
			.values({
				id,
				coalition_id,
				happened_on,
				description: id,
				strategy_code,
				kind: 'community_action',
				reached_youth_f: reached?.[0] ?? null,
				reached_youth_m: reached?.[1] ?? null,
				reached_adult_f: reached?.[2] ?? null,
				reached_adult_m: reached?.[3] ?? null,
				reached_total: reached ? reached.reduce((a, b) => a + b, 0) : null,
				...stamp
			})
			.execute();
	await activity('act1', 'c1', '2020-04-01', 'provide_information', [30, 20, 25, 25]);
	await activity('act2', 'c2', '2020-09-09', 'enhance_skills', [10, 10, 10, 10]);
	await activity('act3', 'c3', '2023-02-02', 'provide_information', [5, 5, 0, 0]);
	await activity('act4', 'c1', '2021-01-05', 'modify_policies', null);
	await activity('act5', 'c4', '2020-05-05', 'enhance_skills', [50, 50, 0, 0]);
	for (const [id, coalition_id, kind, status, happened_on] of [
		['ch1', 'c1', 'policy', 'adopted', '2020-06-15'],
		['ch2', 'c2', 'program', 'proposed', '2021-01-10'],
		['ch3', 'c3', 'practice', 'enforced', '2023-03-03']
	] as const) {
		await db
			.insertInto('community_change')
			.values({ id, coalition_id, kind, title: id, happened_on, status, ...stamp })
			.execute();
	}
	// Survey 2023, one measure: c1 6/40, c2 3/8 (under the minimum), c3 2/5 (under it too).
	for (const [coalition_id, numerator, denominator] of [
		['c1', 6, 40],
		['c2', 3, 8],
		['c3', 2, 5]
	] as const) {
		await db
			.insertInto('survey_upload')
			.values({
				id: `su-${coalition_id}`,
				coalition_id,
				period: '2023',
				file_hash: coalition_id,
				file_name: 'encuesta.csv',
				rows_total: denominator,
				rows_with_problems: 0,
				raw_kept: false,
				uploaded_by: 'someone',
				created_at: stamp.created_at
			})
			.execute();
		await db
			.insertInto('indicator_value')
			.values({
				id: `iv-${coalition_id}`,
				indicator_id: coreIndicatorId(MEASURE),
				coalition_id,
				period: '2023',
				cell: 'all',
				numerator,
				denominator,
				survey_upload_id: `su-${coalition_id}`,
				...stamp
			})
			.execute();
	}
	for (const [id, coalition_id, status, published_at] of [
		['s1', 'c1', 'published', '2020-07-01T10:00:00.000Z'],
		['s2', 'c3', 'published', '2023-06-01T10:00:00.000Z'],
		['s3', 'c2', 'draft', null],
		['s4', 'c1', 'published', '2020-12-31T23:00:00.000Z']
	] as const) {
		await db
			.insertInto('story')
			.values({
				id,
				network_id: N,
				coalition_id,
				slug: `story-${id}`,
				title_es: `Historia ${id}`,
				title_en: `Story ${id}`,
				status,
				published_at,
				...stamp
			})
			.execute();
	}
}

describe.each(dialects())('dashboard and funder report on %s', (dialect) => {
	let handle: TestDb;
	const admin = actorWith('network_admin', N);
	const viewer = actorWith('viewer', N);
	const coordinator = (id: string) => actorWith('coordinator', N, { coalitionId: id });
	const partnerA = actorWith('partner_staff', N, { organizationId: 'orga' });
	const dashboard = (actor: Actor | null, query = {}) =>
		networkDashboard(handle.db, actor, N, query, { locale: 'es', today: TODAY, noPhaseLabel: '—' });
	const report = async (actor: Actor | null, query: Record<string, string | string[]>) => {
		const r = await funderReport(handle.db, actor, N, query, 'en');
		if (r.status !== 'ok') throw new Error(JSON.stringify(r));
		return r.report;
	};
	const measure = (series: { indicator: string; scope: unknown[]; network: unknown[] }[]) =>
		series.find((s) => s.indicator === MEASURE)!;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seed(handle.db);
	});
	afterAll(async () => handle?.close());

	it('adds up the whole network for an administrator, leaving archived coalitions out', async () => {
		const d = await dashboard(admin);
		expect(d.counts).toEqual({ total: 3, active: 2, forming: 1, inactive: 0 });
		expect(d.growth.series).toEqual([
			{ year: 2004, phaseId: 'p1', count: 1 },
			{ year: 2005, phaseId: 'p1', count: 1 },
			{ year: 2009, phaseId: 'p2', count: 1 }
		]);
		const sectors = Object.fromEntries(d.sectors.rows.map((r) => [r.sector, r.count]));
		expect(sectors).toMatchObject({ youth: 3, schools: 1, parents: 0, media: 0 });
		expect(d.sectors.total).toBe(4);
		expect(d.stages.find((s) => s.stage === 'assessment')!.count).toBe(1);
		expect(d.stages.find((s) => s.stage === 'planning')!.count).toBe(1);
		expect(d.stages.find((s) => s.stage === null)!.count).toBe(1);
		expect(d.hours.rows).toEqual([
			{ year: 2020, events: 1, attendances: 2, trainingHours: 14, contacts: 1, taHours: 2.5 },
			{ year: 2023, events: 1, attendances: 1, trainingHours: 4, contacts: 1, taHours: 3 }
		]);
		const info = d.strategies.rows.find((r) => r.strategy === 'provide_information')!;
		expect([info.activities, info.reached]).toEqual([2, 110]);
		expect(d.strategies.rows.find((r) => r.strategy === 'modify_policies')!.activities).toBe(1);
		expect(d.strategies.rows.find((r) => r.strategy === null)!.activities).toBe(0);
		expect(d.strategies.total.activities).toBe(4);
		expect(d.strategies.total.reached).toBe(150);
		expect(d.changes.total).toBe(3);
		expect(d.changes.points[0]).toMatchObject({ month: '2020-06', cumulative: 1 });
		expect(d.changes.points.at(-1)).toMatchObject({ month: '2026-11', cumulative: 3 });
		expect(d.map.places.map((p) => [p.placeId, p.count]).sort()).toEqual([
			['d1', 1],
			['d2', 1],
			['k1', 1]
		]);
		expect(d.map.located).toBe(3);
		// Administrators see survey counts as they are, small or not.
		expect(measure(d.measures.series).scope).toEqual([
			{
				period: '2023',
				numerator: 11,
				denominator: 53,
				percent: (100 * 11) / 53,
				suppressed: false
			}
		]);
	});

	it('draws the multiplier lineage: partner → C1 → C2 → C3', async () => {
		const d = await dashboard(admin);
		expect(d.lineage.forest).toHaveLength(1);
		const root = d.lineage.forest[0];
		expect([root.kind, root.name, root.descendants]).toEqual(['organization', 'ORGA', 3]);
		expect(root.children[0].name).toBe('Coalición C1');
		expect(root.children[0].children[0].children[0].name).toBe('Coalición C3');
		expect(d.lineage.seeders.map((s) => [s.name, s.direct, s.all])).toEqual([
			['ORGA', 1, 3],
			['Coalición C1', 1, 2],
			['Coalición C2', 1, 1]
		]);
		expect(d.lineage.tree!.depth).toBe(3);
	});

	it('filters by region, phase and partner', async () => {
		expect((await dashboard(admin, { region: 'r1' })).counts.total).toBe(2);
		expect((await dashboard(admin, { phase: 'p2' })).counts.total).toBe(1);
		// ORGA supports phase 1 (C1, C2) and seeded C1; ORGB works with C3 directly.
		expect((await dashboard(admin, { partner: 'orga' })).counts.total).toBe(2);
		const b = await dashboard(admin, { partner: 'orgb' });
		expect(b.counts.total).toBe(1);
		expect(b.hours.rows).toEqual([
			{ year: 2023, events: 1, attendances: 1, trainingHours: 4, contacts: 1, taHours: 3 }
		]);
		// A filter naming something the network does not have is ignored, not trusted.
		const odd = await dashboard(admin, { region: 'elsewhere' });
		expect([odd.filters.region, odd.counts.total]).toEqual(['', 3]);
	});

	it("shows a coordinator only their coalition's numbers", async () => {
		const d = await dashboard(coordinator('c1'));
		expect(d.limited).toBe(true);
		expect(d.counts.total).toBe(1);
		expect(d.sectors.total).toBe(2);
		expect(d.hours.rows).toEqual([
			{ year: 2020, events: 1, attendances: 1, trainingHours: 8, contacts: 1, taHours: 2.5 }
		]);
		expect(d.strategies.total.reached).toBe(100);
		expect(d.changes.total).toBe(1);
		// The lineage shows where C3 came from without opening the seeder.
		const c3 = await dashboard(coordinator('c3'));
		expect(c3.lineage.forest.map((n) => [n.name, n.outside, n.children[0]?.name])).toEqual([
			['Coalición C2', true, 'Coalición C3']
		]);
		// Their own survey counts are theirs to see; other coalitions' are not in their scope.
		expect(measure(d.measures.series).scope[0]).toMatchObject({ numerator: 6, denominator: 40 });
	});

	it('shows partner staff the coalitions their organization supports', async () => {
		const d = await dashboard(partnerA);
		expect(d.counts.total).toBe(2);
		expect(d.sectors.total).toBe(3);
		const m = measure(d.measures.series);
		// Their coalitions' pooled counts are theirs; the network total would reveal C3 (5 < 10).
		expect(m.scope[0]).toMatchObject({ numerator: 9, denominator: 48, suppressed: false });
		expect(m.network[0]).toMatchObject({ suppressed: true, percent: null });
	});

	it('suppresses small survey counts for readers who do not work with those coalitions', async () => {
		const whole = measure((await dashboard(viewer)).measures.series);
		expect(whole.scope[0]).toMatchObject({ numerator: 11, denominator: 53, suppressed: false });
		// Region 2 is C3 alone, 5 answers: under the minimum.
		const r2 = measure((await dashboard(viewer, { region: 'r2' })).measures.series);
		expect(r2.scope[0]).toMatchObject({ suppressed: true, numerator: null, percent: null });
		// Region 1 has 48 answers, but network − region 1 would give C3's 5: hidden as well.
		const r1 = measure((await dashboard(viewer, { region: 'r1' })).measures.series);
		expect(r1.scope[0]).toMatchObject({ suppressed: true, numerator: null });
		expect(r1.network[0]).toMatchObject({ suppressed: false, denominator: 53 });
		// An administrator sees region 2 as it is.
		const adminR2 = measure((await dashboard(admin, { region: 'r2' })).measures.series);
		expect(adminR2.scope[0]).toMatchObject({ numerator: 2, denominator: 5, suppressed: false });
	});

	it('refuses readers without a role in the network', async () => {
		await expect(dashboard(null)).rejects.toBeInstanceOf(NotFoundError);
		await expect(dashboard(actorWith('network_admin', 'another'))).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('reports a period for the network: only what happened in it', async () => {
		const r = await report(admin, { from: '2020-01-01', to: '2020-12-31', scope: 'network' });
		expect(r.coalitions.total).toBe(3);
		const sectors = Object.fromEntries(r.sectors.rows.map((s) => [s.sector, s.count]));
		// In force at some time in 2020: m1 (youth), m3 (parents, until June), m4 (schools).
		expect(sectors).toMatchObject({ youth: 1, parents: 1, schools: 1 });
		expect(r.hours.total).toEqual({
			events: 1,
			attendances: 2,
			trainingHours: 14,
			contacts: 1,
			taHours: 2.5
		});
		expect(r.strategies.total).toMatchObject({
			activities: 2,
			reached: 140,
			youthF: 40,
			youthM: 30,
			adultF: 35,
			adultM: 35
		});
		expect([r.changes.before, r.changes.inPeriod]).toEqual([0, 1]);
		expect(r.changes.byKind.find((k) => k.kind === 'policy')).toEqual({
			kind: 'policy',
			count: 1,
			inForce: 1
		});
		expect(r.measures.periods).toEqual([]);
		// Published in 2020 (the last one late on 31 December), all ticked on first view.
		expect(r.stories.map((s) => [s.title, s.selected])).toEqual([
			['Story s4', true],
			['Story s1', true]
		]);
		const later = await report(admin, { from: '2021-01-01', to: '2023-12-31', scope: 'network' });
		expect([later.changes.before, later.changes.inPeriod, later.changes.total]).toEqual([1, 2, 3]);
		expect(measure(later.measures.series).scope[0]).toMatchObject({ denominator: 53 });
	});

	it('reports on a phase, a partner or one coalition, keeping the chosen stories', async () => {
		const phase = await report(admin, {
			from: '2020-01-01',
			to: '2023-12-31',
			scope: 'phase',
			phase: 'p2'
		});
		expect([phase.subject.name, phase.coalitions.total, phase.strategies.total.reached]).toEqual([
			'2. Fase 2',
			1,
			10
		]);
		const coalition = await report(admin, {
			from: '2020-01-01',
			to: '2020-12-31',
			scope: 'coalition',
			coalition: 'c1',
			stories: ['s1']
		});
		expect(coalition.strategies.total.reached).toBe(100);
		expect(coalition.stories.map((s) => [s.id, s.selected])).toEqual([
			['s4', false],
			['s1', true]
		]);
		const partner = await report(partnerA, {
			from: '2020-01-01',
			to: '2023-12-31',
			scope: 'partner',
			partner: 'orga'
		});
		expect(partner.coalitions.total).toBe(2);
	});

	it("keeps a coordinator's report to their coalition", async () => {
		const own = await report(coordinator('c3'), {
			from: '2020-01-01',
			to: '2023-12-31',
			scope: 'network'
		});
		expect([own.coalitions.total, own.strategies.total.reached, own.stories.length]).toEqual([
			1, 10, 1
		]);
		await expect(
			funderReport(
				handle.db,
				coordinator('c3'),
				N,
				{
					from: '2020-01-01',
					to: '2020-12-31',
					scope: 'coalition',
					coalition: 'c1'
				},
				'es'
			)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			funderReport(
				handle.db,
				partnerA,
				N,
				{
					from: '2020-01-01',
					to: '2020-12-31',
					scope: 'partner',
					partner: 'orgb'
				},
				'es'
			)
		).rejects.toBeInstanceOf(NotFoundError);
		const form = await reportForm(handle.db, coordinator('c3'), N, 'es');
		expect(form.coalitions.map((c) => c.id)).toEqual(['c3']);
	});

	it('answers bad input with field codes', async () => {
		const r = await funderReport(
			handle.db,
			admin,
			N,
			{ from: '2021-01-01', to: '2020-01-01', scope: 'phase', phase: '' },
			'es'
		);
		expect(r.status).toBe('invalid');
		if (r.status === 'invalid') expect(r.errors).toEqual({ to: 'dates_order', phase: 'required' });
		const bad = await funderReport(handle.db, admin, N, { from: '2020-02-30', to: '' }, 'es');
		expect(bad.status === 'invalid' && bad.errors).toEqual({
			from: 'date_invalid',
			to: 'required'
		});
	});
});
