import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTORS, STRATEGIES } from '../../src/lib/domain/capacity';
import { runCli } from '../../src/lib/server/cli';
import { listCoalitionsFor } from '../../src/lib/server/coalitions/workspace';
import { createDb } from '../../src/lib/server/db';
import {
	generateNetwork,
	GenerateError,
	type GenerateResult
} from '../../src/lib/server/generate/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const UNTIL = '2026-06-30';

/** Tables that hang from a coalition, to count one network's rows. */
const PER_COALITION = [
	'membership',
	'meeting',
	'ta_contact',
	'planning_product',
	'survey_upload',
	'logic_model',
	'action_task',
	'activity',
	'community_change'
] as const;

describe.each(dialects())('the data generator on %s', (dialect) => {
	let handle: TestDb;
	let peruBefore: Record<string, number>;
	let a: GenerateResult;
	let b: GenerateResult;
	let c: GenerateResult;

	/** Row counts of one network, read back from the database (not from the generator). */
	async function countsOf(networkId: string) {
		const db = handle.db;
		const counts: Record<string, number> = {};
		const n = (r: { n: unknown }) => Number(r.n);
		counts.coalition = n(
			await db
				.selectFrom('coalition')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		);
		counts.place = n(
			await db
				.selectFrom('place')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		);
		counts.person = n(
			await db
				.selectFrom('person')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		);
		counts.story = n(
			await db
				.selectFrom('story')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		);
		for (const table of PER_COALITION) {
			counts[table] = n(
				await db
					.selectFrom(table)
					.innerJoin('coalition', 'coalition.id', `${table}.coalition_id`)
					.select((eb) => eb.fn.countAll().as('n'))
					.where('coalition.network_id', '=', networkId)
					.executeTakeFirstOrThrow()
			);
		}
		return counts;
	}

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		peruBefore = await countsOf((await peruIds(handle.db)).networkId);
		const options = { coalitions: 20, seed: 42, until: UNTIL, chunk: 7 };
		a = await generateNetwork(handle.db, { ...options, network: 'gen-a' });
		b = await generateNetwork(handle.db, { ...options, network: 'gen-b' });
		c = await generateNetwork(handle.db, { ...options, network: 'gen-c', seed: 43 });
	}, 120_000);
	afterAll(async () => handle?.close());

	it('makes the network asked for, with years of records in every part of the app', async () => {
		const counts = await countsOf(a.networkId);
		expect(counts.coalition).toBe(20);
		for (const table of Object.keys(counts)) {
			expect(counts[table], table).toBeGreaterThan(0);
			expect(counts[table], table).toBe(a.counts[table as keyof GenerateResult['counts']]);
		}
		expect(a.counts.meeting_attendance).toBeGreaterThan(0);
		expect(a.counts.training_attendance).toBeGreaterThan(0);
		expect(a.counts.indicator_value).toBeGreaterThan(0);
		expect(a.counts.partner_role).toBeGreaterThanOrEqual(60);
		const years = await handle.db
			.selectFrom('activity')
			.innerJoin('coalition', 'coalition.id', 'activity.coalition_id')
			.select('activity.happened_on')
			.where('coalition.network_id', '=', a.networkId)
			.execute();
		const distinct = new Set(years.map((r) => r.happened_on.slice(0, 4)));
		expect(distinct.size).toBeGreaterThanOrEqual(3);
		expect([...distinct].every((y) => y >= '2021' && y <= '2026')).toBe(true);
		expect(years.every((r) => r.happened_on <= UNTIL)).toBe(true);
	});

	it('makes the same network again from the same seed, and another from another seed', async () => {
		expect(b.counts).toEqual(a.counts);
		expect(await countsOf(b.networkId)).toEqual(await countsOf(a.networkId));
		expect(c.counts).not.toEqual(a.counts);
		const names = async (networkId: string) =>
			(
				await handle.db
					.selectFrom('coalition')
					.select('name')
					.where('network_id', '=', networkId)
					.orderBy('name')
					.execute()
			).map((r) => r.name);
		expect(await names(b.networkId)).toEqual(await names(a.networkId));
	});

	it('records a lineage where every coalition was started by a partner or an earlier coalition', async () => {
		const rows = await handle.db
			.selectFrom('coalition')
			.select(['id', 'founded_year', 'seeded_by_coalition_id', 'seeded_by_organization_id'])
			.where('network_id', '=', a.networkId)
			.execute();
		const byId = new Map(rows.map((r) => [r.id, r]));
		expect(rows.some((r) => r.seeded_by_coalition_id)).toBe(true);
		for (const row of rows) {
			expect(Boolean(row.seeded_by_coalition_id) !== Boolean(row.seeded_by_organization_id)).toBe(
				true
			);
			if (row.seeded_by_coalition_id) {
				const parent = byId.get(row.seeded_by_coalition_id);
				expect(parent, 'seeded by a coalition of the same network').toBeDefined();
				expect(parent!.founded_year!).toBeLessThanOrEqual(row.founded_year!);
			}
			// Walking up the lineage reaches a partner-started coalition without coming back.
			const seen = new Set<string>();
			let at: (typeof rows)[number] | undefined = row;
			while (at?.seeded_by_coalition_id) {
				expect(seen.has(at.id)).toBe(false);
				seen.add(at.id);
				at = byId.get(at.seeded_by_coalition_id);
			}
			expect(at?.seeded_by_organization_id).toBeTruthy();
		}
	});

	it('gives every coalition members in several sectors', async () => {
		const rows = await handle.db
			.selectFrom('membership')
			.innerJoin('coalition', 'coalition.id', 'membership.coalition_id')
			.select(['membership.coalition_id', 'membership.sector', 'membership.role'])
			.where('coalition.network_id', '=', a.networkId)
			.execute();
		const sectors = new Map<string, Set<string>>();
		for (const r of rows) {
			expect(SECTORS).toContain(r.sector);
			sectors.set(r.coalition_id, (sectors.get(r.coalition_id) ?? new Set()).add(r.sector));
		}
		expect(sectors.size).toBe(20);
		for (const set of sectors.values()) expect(set.size).toBeGreaterThanOrEqual(5);
		expect(rows.filter((r) => r.role === 'chair')).toHaveLength(20);
	});

	it('keeps minors without a guardian consent to a first name and an age group', async () => {
		const minors = await handle.db
			.selectFrom('person')
			.leftJoin('guardian_consent', 'guardian_consent.person_id', 'person.id')
			.select([
				'person.last_name',
				'person.email',
				'person.phone',
				'guardian_consent.id as consent'
			])
			.where('person.network_id', '=', a.networkId)
			.where('person.age_group', 'in', ['under_15', '15_17'])
			.execute();
		expect(minors.length).toBeGreaterThan(0);
		for (const m of minors.filter((x) => !x.consent)) {
			expect(m).toMatchObject({ last_name: null, email: null, phone: null });
		}
	});

	it('logs activities that serve an existing task of the same coalition or a known strategy', async () => {
		const rows = await handle.db
			.selectFrom('activity')
			.innerJoin('coalition', 'coalition.id', 'activity.coalition_id')
			.leftJoin('action_task', 'action_task.id', 'activity.task_id')
			.leftJoin('logic_model_item', 'logic_model_item.id', 'action_task.model_item_id')
			.select([
				'activity.coalition_id',
				'activity.task_id',
				'activity.strategy_code',
				'action_task.coalition_id as task_coalition',
				'logic_model_item.strategy_code as task_strategy'
			])
			.where('coalition.network_id', '=', a.networkId)
			.execute();
		expect(rows.some((r) => r.task_id)).toBe(true);
		for (const r of rows) {
			expect(STRATEGIES).toContain(r.strategy_code);
			if (r.task_id) {
				expect(r.task_coalition).toBe(r.coalition_id);
				expect(r.strategy_code).toBe(r.task_strategy);
			}
		}
	});

	it('leaves the Peru network as it was, and its default', async () => {
		const peru = await peruIds(handle.db);
		expect(await countsOf(peru.networkId)).toEqual(peruBefore);
		const networks = await handle.db
			.selectFrom('network')
			.select(['slug', 'is_default'])
			.orderBy('slug')
			.execute();
		expect(networks.filter((n) => Number(n.is_default) === 1 || n.is_default === true)).toEqual([
			expect.objectContaining({ slug: 'peru' })
		]);
	});

	it('refuses a network that exists, and writes nothing', async () => {
		const before = await countsOf(a.networkId);
		await expect(
			generateNetwork(handle.db, { coalitions: 3, network: 'gen-a', until: UNTIL })
		).rejects.toThrow(GenerateError);
		await expect(
			generateNetwork(handle.db, { coalitions: 3, network: 'peru', until: UNTIL })
		).rejects.toThrow(/already exists/);
		expect(await countsOf(a.networkId)).toEqual(before);
	});

	it('makes a network the app lists like any other, scoped for partner staff', async () => {
		const admin = actorWith('network_admin', a.networkId);
		const list = await listCoalitionsFor(handle.db, admin, a.networkId, {});
		const live = await handle.db
			.selectFrom('coalition')
			.select(['id', 'seeded_by_organization_id'])
			.where('network_id', '=', a.networkId)
			.where('status', '!=', 'archived')
			.execute();
		expect(list.total).toBe(live.length);
		// Each row names its community and city (the region is the list's filter, not repeated).
		const tree = await handle.db
			.selectFrom('coalition')
			.innerJoin('place as community', 'community.id', 'coalition.place_id')
			.innerJoin('place as city', 'city.id', 'community.parent_id')
			.select([
				'coalition.id',
				'community.name as community',
				'city.name as city',
				'city.parent_id as region'
			])
			.where('coalition.network_id', '=', a.networkId)
			.where('coalition.status', '!=', 'archived')
			.execute();
		for (const row of list.rows) {
			const t = tree.find((x) => x.id === row.id)!;
			expect(row.place).toBe(`${t.community}, ${t.city}`);
		}
		const region = list.regions[0];
		const inRegion = await listCoalitionsFor(handle.db, admin, a.networkId, {
			regionId: region.id
		});
		expect(inRegion.total).toBe(tree.filter((t) => t.region === region.id).length);
		expect(inRegion.total).toBeLessThan(list.total);
		// A region's hub NGO supports exactly the coalitions it trains, not the whole network.
		const hub = live.find((r) => r.seeded_by_organization_id)!.seeded_by_organization_id!;
		const supported = await handle.db
			.selectFrom('partner_role')
			.innerJoin('coalition', 'coalition.id', 'partner_role.coalition_id')
			.select('coalition.id')
			.where('partner_role.organization_id', '=', hub)
			.where('coalition.status', '!=', 'archived')
			.execute();
		const staff = actorWith('partner_staff', a.networkId, { organizationId: hub });
		const scoped = await listCoalitionsFor(handle.db, staff, a.networkId, {});
		expect(scoped.total).toBe(supported.length);
		expect(scoped.total).toBeLessThan(list.total);
	});
});

describe('npm run minka -- generate', () => {
	const dir = mkdtempSync(join(tmpdir(), 'minka-generate-'));
	const run = async (...argv: string[]) => {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(argv, {
			out: (l) => out.push(l),
			err: (l) => err.push(l),
			openDb: () => createDb({ kind: 'sqlite', location: join(dir, 'minka.db') })
		});
		return { code, out: out.join('\n'), err: err.join('\n') };
	};

	it('exits 2 on bad arguments, before touching the database', async () => {
		expect(await run('generate')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--coalitions <n> must be a whole number')
		});
		expect(await run('generate', '--coalitions', 'many')).toMatchObject({ code: 2 });
		expect(await run('generate', '--coalitions', '0')).toMatchObject({
			code: 2,
			err: expect.stringContaining('from 1 to')
		});
		expect(await run('generate', '--coalitions', '5', '--until', 'June')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--until')
		});
		expect((await run('generate', '--help')).out).toContain('--coalitions <n>');
	});

	it('loads the Peru network, generates next to it, prints totals, and refuses to do it twice', async () => {
		const first = await run('generate', '--coalitions', '4', '--seed', '9', '--until', UNTIL);
		expect(first.code).toBe(0);
		expect(first.out).toContain('Generating network "generada-4-s9"');
		expect(first.out).toMatch(/4\/4 coalitions/);
		expect(first.out).toMatch(/coalition\s+4\b/);
		const again = await run('generate', '--coalitions', '4', '--seed', '9');
		expect(again).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
		const handle = createDb({ kind: 'sqlite', location: join(dir, 'minka.db') });
		const slugs = await handle.db.selectFrom('network').select('slug').orderBy('slug').execute();
		await handle.db.destroy();
		expect(slugs.map((s) => s.slug)).toEqual(['generada-4-s9', 'peru']);
	});
});
