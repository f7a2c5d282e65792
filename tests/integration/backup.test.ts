import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	BOOLEAN_COLUMNS,
	insertOrder,
	isBackedUpTable,
	portableValue
} from '../../src/lib/domain/backup';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import { BackupError, restoreBackup, writeBackup } from '../../src/lib/server/backup/service';
import { runCli } from '../../src/lib/server/cli';
import { createDb, type Db } from '../../src/lib/server/db';
import { tableNames } from '../../src/lib/server/db/dialect';
import { migrations } from '../../src/lib/server/db/migrations';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { peruIds } from '../actors';
import { emptyDb, migratedDb, type TestDb } from '../db';

const now = '2026-11-27T15:00:00.000Z';

/** At least one row in every table, through better-auth for its tables and direct inserts else. */
async function fillEveryTable(handle: TestDb) {
	const { db, kind } = handle;
	await seedDefaultIfEmpty(db);
	const ids = await peruIds(db);
	const auth = createAuth(db, kind, {
		secret: 'test-secret-test-secret-test-secret',
		baseURL: 'http://localhost'
	});
	await migrateAuth(auth);
	const ctx = await auth.$context;
	const user = await ctx.internalAdapter.createUser(
		{ name: 'Ana Quispe', email: 'ana@example.org', emailVerified: true },
		{ method: 'admin' }
	);
	await ctx.internalAdapter.linkAccount({
		userId: user.id,
		providerId: 'credential',
		accountId: user.id,
		password: await ctx.password.hash('una-clave-larga-1')
	});
	await ctx.internalAdapter.createSession(user.id, false);
	await ctx.internalAdapter.createVerificationValue({
		identifier: 'reset:ana',
		value: 'v',
		expiresAt: new Date('2026-12-01T00:00:00.000Z')
	});

	// A coalition that started another one: the self-reference the restore fills in afterwards.
	await db
		.updateTable('coalition')
		.set({ seeded_by_coalition_id: ids.callaoNorte, seeded_by_organization_id: ids.sumbi })
		.where('id', '=', ids.huaro)
		.execute();
	await db
		.updateTable('network')
		.set({ keep_raw_survey: true })
		.where('id', '=', ids.networkId)
		.execute();

	const base = { created_at: now };
	const stamp = { created_at: now, updated_at: now };
	await db
		.insertInto('role_grant')
		.values({
			id: 'g1',
			user_id: user.id,
			network_id: ids.networkId,
			role: 'network_admin',
			...base
		})
		.execute();
	await db
		.insertInto('user_state')
		.values({ user_id: user.id, deactivated_at: null, updated_at: now })
		.execute();
	await db
		.insertInto('access_token')
		.values({
			id: 'tok1',
			kind: 'invite',
			token_hash: 'abc',
			email: 'luis@example.org',
			network_id: ids.networkId,
			role: 'viewer',
			expires_at: '2026-12-04T00:00:00.000Z',
			...base
		})
		.execute();
	await db
		.insertInto('rate_event')
		.values({ id: 'r1', key: 'contact:1.2.3.4', ...base })
		.execute();
	await db
		.insertInto('contact_message')
		.values({
			id: 'm1',
			network_id: ids.networkId,
			coalition_id: ids.huaro,
			name: 'José Ñahui',
			email: 'jose@example.org',
			topic: 'join',
			message: 'Quisiera participar.\n"Gracias"',
			locale: 'es',
			...base
		})
		.execute();
	await db
		.insertInto('message_note')
		.values({
			id: 'n1',
			message_id: 'm1',
			author_user_id: user.id,
			author_label: 'Ana',
			body: 'Llamar',
			...base
		})
		.execute();
	await db
		.insertInto('audit_event')
		.values({
			id: 'a1',
			network_id: ids.networkId,
			actor_user_id: user.id,
			actor_label: 'Ana',
			entity_type: 'coalition',
			entity_id: ids.huaro,
			action: 'update',
			before_json: '{"status":"forming"}',
			after_json: '{"status":"active"}',
			...base
		})
		.execute();
	await db
		.insertInto('person')
		.values({
			id: 'p1',
			network_id: ids.networkId,
			first_name: 'Rosa',
			last_name: 'Mamani',
			name_search: 'rosa mamani',
			birth_year: 2010,
			...stamp
		})
		.execute();
	await db
		.insertInto('guardian_consent')
		.values({
			id: 'gc1',
			person_id: 'p1',
			guardian_name: 'Carmen Mamani',
			relationship: 'mother',
			method: 'written',
			consented_on: '2026-03-01',
			recorded_by: user.id,
			...base
		})
		.execute();
	await db
		.insertInto('membership')
		.values({
			id: 'ms1',
			coalition_id: ids.huaro,
			person_id: 'p1',
			role: 'youth_member',
			sector: 'youth',
			started_on: '2026-03-01',
			...stamp
		})
		.execute();
	await db
		.insertInto('meeting')
		.values({
			id: 'mt1',
			coalition_id: ids.huaro,
			held_on: '2026-04-02',
			kind: 'coalition',
			guests_count: 3,
			...stamp
		})
		.execute();
	await db
		.insertInto('meeting_attendance')
		.values({ meeting_id: 'mt1', membership_id: 'ms1' })
		.execute();
	await db
		.insertInto('agreement')
		.values({
			id: 'ag1',
			coalition_id: ids.huaro,
			municipality: 'Huaro',
			organization_id: ids.creser,
			title: 'Convenio',
			status: 'signed',
			signed_on: '2026-05-01',
			...stamp
		})
		.execute();
	await db
		.insertInto('planning_product')
		.values({
			id: 'pp1',
			coalition_id: ids.huaro,
			product: 'logic_model',
			status: 'submitted',
			...stamp
		})
		.execute();
	await db
		.insertInto('product_review')
		.values({
			id: 'pr1',
			product_id: 'pp1',
			author_user_id: user.id,
			author_label: 'Ana',
			body: 'Bien',
			...base
		})
		.execute();
	await db
		.insertInto('training_event')
		.values({
			id: 'te1',
			network_id: ids.networkId,
			title: 'Taller',
			title_search: 'taller',
			kind: 'local_workshop',
			starts_on: '2026-06-01',
			topics: 'planning|sustainability',
			hours: 2.5,
			...stamp
		})
		.execute();
	await db
		.insertInto('training_attendance')
		.values({
			id: 'ta1',
			event_id: 'te1',
			person_id: 'p1',
			coalition_id: ids.huaro,
			hours: 1.25,
			certificate_code: 'C-1',
			...base
		})
		.execute();
	await db
		.insertInto('ta_contact')
		.values({
			id: 'tc1',
			coalition_id: ids.huaro,
			contact_on: '2026-06-02',
			provider_id: ids.creser,
			mode: 'remote',
			hours: 0.75,
			topic: 'planning',
			...stamp
		})
		.execute();
	await db
		.insertInto('ta_followup')
		.values({
			id: 'tf1',
			contact_id: 'tc1',
			action: 'Enviar plan',
			due_on: '2026-07-01',
			status: 'open',
			...stamp
		})
		.execute();
	const indicator = await db.selectFrom('indicator').select('id').executeTakeFirstOrThrow();
	await db
		.insertInto('survey_upload')
		.values({
			id: 'su1',
			coalition_id: ids.huaro,
			period: '2026',
			file_hash: 'h',
			file_name: 'encuesta.csv',
			rows_total: 1,
			rows_with_problems: 0,
			raw_kept: true,
			uploaded_by: user.id,
			...base
		})
		.execute();
	await db
		.insertInto('survey_response')
		.values({ id: 'sr1', upload_id: 'su1', line: 2, answers_json: '{"edad":"15"}' })
		.execute();
	await db
		.insertInto('indicator_value')
		.values({
			id: 'iv1',
			indicator_id: indicator.id,
			coalition_id: ids.huaro,
			period: '2026',
			numerator: 12.5,
			denominator: 80,
			survey_upload_id: 'su1',
			...stamp
		})
		.execute();
	await db
		.insertInto('indicator_target')
		.values({
			id: 'it1',
			indicator_id: indicator.id,
			coalition_id: ids.huaro,
			baseline_value: 0.15625,
			baseline_period: '2026',
			target_value: 0.1,
			target_period: '2028',
			...stamp
		})
		.execute();
	// Planning and action (migration 2026-11-27T1900_planning).
	await db
		.insertInto('logic_model')
		.values({
			id: 'lm1',
			coalition_id: ids.huaro,
			version: 1,
			status: 'approved',
			title: 'Plan 2026',
			approved_on: '2026-03-01',
			...stamp
		})
		.execute();
	for (const [id, kind, parent] of [
		['li1', 'problem', null],
		['li2', 'root_cause', 'li1'],
		['li3', 'local_condition', 'li2']
	] as const) {
		await db
			.insertInto('logic_model_item')
			.values({ id, model_id: 'lm1', kind, parent_id: parent, text_es: kind, ...stamp })
			.execute();
	}
	await db
		.insertInto('logic_model_item')
		.values({
			id: 'li4',
			model_id: 'lm1',
			kind: 'strategy',
			parent_id: 'li3',
			text_es: 'Ordenanza',
			strategy_code: 'modify_policies',
			...stamp
		})
		.execute();
	await db
		.insertInto('logic_model_item')
		.values({
			id: 'li5',
			model_id: 'lm1',
			kind: 'outcome',
			parent_id: 'li4',
			text_es: 'Menos venta a menores',
			outcome_term: 'short',
			indicator_id: indicator.id,
			baseline_value: 0.4,
			target_value: 0.25,
			...stamp
		})
		.execute();
	await db
		.insertInto('action_task')
		.values({
			id: 'at1',
			coalition_id: ids.huaro,
			model_item_id: 'li4',
			title: 'Presentar la propuesta',
			due_on: '2026-05-01',
			status: 'done',
			...stamp
		})
		.execute();
	await db
		.insertInto('activity')
		.values({
			id: 'ac1',
			coalition_id: ids.huaro,
			happened_on: '2026-04-10',
			description: 'Reunión con regidores',
			task_id: 'at1',
			strategy_code: 'modify_policies',
			kind: 'community_action',
			reached_adult_f: 4,
			reached_adult_m: 3,
			reached_total: 7,
			sectors: 'government_substance_agency|civic_volunteer',
			volunteer_hours: 2.5,
			client_draft_id: 'draft-1',
			...stamp
		})
		.execute();
	await db
		.insertInto('community_change')
		.values({
			id: 'cc1',
			coalition_id: ids.huaro,
			kind: 'policy',
			title: 'Ordenanza de horarios de venta de alcohol',
			sector: 'government_substance_agency',
			local_condition_item_id: 'li3',
			happened_on: '2026-06-10',
			status: 'adopted',
			...stamp
		})
		.execute();
	const story = await db.selectFrom('story').select('id').executeTakeFirstOrThrow();
	await db
		.insertInto('story_review')
		.values({
			id: 'sv1',
			story_id: story.id,
			author_user_id: user.id,
			author_label: 'Hub',
			status_after: 'draft',
			body: 'Falta el consentimiento.',
			created_at: now
		})
		.execute();
	await db
		.insertInto('story_photo')
		.values({
			id: 'sp1',
			story_id: story.id,
			file_name: 'stories/sp1.webp',
			mime_type: 'image/webp',
			width: 1200,
			height: 800,
			byte_size: 84512,
			alt_es: 'Regidores y jóvenes en la plaza',
			consent: 'recorded',
			consent_note: 'Autorización escrita archivada',
			created_at: now
		})
		.execute();
	await db.insertInto('story_person').values({ story_id: story.id, person_id: 'p1' }).execute();
	// API tokens (migration 2026-11-27T2000_api_tokens): only the hash travels, as stored.
	await db
		.insertInto('api_token')
		.values({
			id: 'at1',
			user_id: user.id,
			name: 'Tablero del financiador',
			scope: 'read',
			token_hash: 'a'.repeat(64),
			prefix: 'minka_abcdef',
			expires_at: '2027-01-01T04:59:59.999Z',
			last_used_at: now,
			revoked_at: null,
			created_at: now
		})
		.execute();
}

/** Every table's rows, normalized as the file stores them and sorted, for comparing databases. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of (await tableNames(db)).filter(isBackedUpTable).sort()) {
		const rows = await db
			.selectFrom(table as 'network')
			.selectAll()
			.execute();
		const booleans = new Set(BOOLEAN_COLUMNS[table] ?? []);
		out[table] = rows
			.map((row) =>
				Object.fromEntries(
					Object.entries(row)
						.sort(([a], [b]) => a.localeCompare(b))
						.map(([k, v]) => [k, portableValue(v, booleans.has(k))])
				)
			)
			.map((row) => JSON.stringify(row))
			.sort();
	}
	return out;
}

const pgTarget = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

describe(`backup and restore (SQLite → ${pgTarget} → SQLite)`, () => {
	const dir = mkdtempSync(join(tmpdir(), 'minka-backup-'));
	const handles: TestDb[] = [];
	let original: TestDb;
	let before: Record<string, unknown[]>;
	beforeAll(async () => {
		original = await migratedDb('sqlite');
		handles.push(original);
		await fillEveryTable(original);
		before = await snapshot(original.db);
	});
	afterAll(async () => {
		for (const h of handles) await h.close();
	});

	it('has something in every table it means to cover', () => {
		for (const [table, rows] of Object.entries(before))
			expect([table, rows.length]).not.toEqual([table, 0]);
	});

	it('round-trips every table without losing a row or a value', async () => {
		const first = join(dir, 'first.minka.gz');
		const written = await writeBackup(original.db, first);
		expect(written.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));

		const middle = await emptyDb(pgTarget);
		handles.push(middle);
		const loaded = await restoreBackup(middle.db, first);
		expect(loaded.rows).toBe(written.rows);
		expect(await snapshot(middle.db)).toEqual(before);

		const second = join(dir, 'second.minka.gz');
		await writeBackup(middle.db, second);
		const last = await emptyDb('sqlite');
		handles.push(last);
		await restoreBackup(last.db, second);
		expect(await snapshot(last.db)).toEqual(before);
		const huaro = await last.db
			.selectFrom('coalition')
			.select(['seeded_by_coalition_id'])
			.where('slug', '=', 'huaro')
			.executeTakeFirstOrThrow();
		expect(huaro.seeded_by_coalition_id).not.toBeNull();
	});

	it('refuses a database that already holds rows, and changes nothing in it', async () => {
		const file = join(dir, 'refuse.minka.gz');
		await writeBackup(original.db, file);
		const err = await restoreBackup(original.db, file).catch((e) => e);
		expect(err).toBeInstanceOf(BackupError);
		expect(err.code).toBe('not_empty');
		expect(await snapshot(original.db)).toEqual(before);
	});

	it('replaces everything with --force', async () => {
		const file = join(dir, 'force.minka.gz');
		await writeBackup(original.db, file);
		const target = await migratedDb('sqlite');
		handles.push(target);
		await seedDefaultIfEmpty(target.db);
		await restoreBackup(target.db, file, { force: true });
		expect(await snapshot(target.db)).toEqual(before);
	});

	it('refuses a file that is not a backup, or is cut short', async () => {
		const target = await emptyDb('sqlite');
		handles.push(target);
		const plain = join(dir, 'plain.txt');
		writeFileSync(plain, 'hola\n');
		await expect(restoreBackup(target.db, plain)).rejects.toMatchObject({ code: 'not_a_backup' });
		const json = join(dir, 'other.gz');
		writeFileSync(json, gzipSync('{"format":"something-else"}\n'));
		await expect(restoreBackup(target.db, json)).rejects.toMatchObject({ code: 'not_a_backup' });
		const cut = join(dir, 'cut.gz');
		const header = {
			format: 'minka-backup',
			version: 1,
			createdAt: now,
			migrations: Object.keys(migrations),
			tables: ['rate_event']
		};
		writeFileSync(
			cut,
			gzipSync(
				JSON.stringify(header) +
					'\n' +
					JSON.stringify({ t: 'rate_event', r: { id: 'x', key: 'k', created_at: now } }) +
					'\n'
			)
		);
		await expect(restoreBackup(target.db, cut)).rejects.toMatchObject({ code: 'truncated' });
		expect(await target.db.selectFrom('rate_event').selectAll().execute()).toEqual([]);
	});

	it('refuses a backup made by a newer version', async () => {
		const target = await emptyDb('sqlite');
		handles.push(target);
		const file = join(dir, 'newer.gz');
		const header = {
			format: 'minka-backup',
			version: 1,
			createdAt: now,
			migrations: ['2026-11-27T1400_core', '2099-01-01T0000_future'],
			tables: []
		};
		writeFileSync(file, gzipSync(JSON.stringify(header) + '\n{"end":{"rows":0}}\n'));
		await expect(restoreBackup(target.db, file)).rejects.toMatchObject({ code: 'too_new' });
		expect(await tableNames(target.db)).toEqual([]);
	});

	it('is reachable from the CLI, which exits 1 with a clear message on a refusal', async () => {
		const run = async (location: string, ...argv: string[]) => {
			const out: string[] = [];
			const err: string[] = [];
			const code = await runCli(argv, {
				out: (l) => out.push(l),
				err: (l) => err.push(l),
				openDb: () => createDb({ kind: 'sqlite', location })
			});
			return { code, out: out.join('\n'), err: err.join('\n') };
		};
		const source = join(dir, 'cli-source.db');
		expect((await run(source, 'seed')).code).toBe(0);
		const file = join(dir, 'cli.minka.gz');
		const backup = await run(source, 'backup', file);
		expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('rows') });
		expect(await run(source, 'backup')).toMatchObject({ code: 2 });
		expect(await run(source, 'restore', file)).toMatchObject({
			code: 1,
			err: expect.stringContaining('not empty')
		});
		const target = join(dir, 'cli-target.db');
		expect(await run(target, 'restore', file)).toMatchObject({ code: 0 });
		expect(await run(target, 'restore', join(dir, 'missing.gz'))).toMatchObject({ code: 1 });
	});
});

describe('the backup format', () => {
	it('orders tables after the ones they reference and defers self-references', () => {
		const { order, selfReferences } = insertOrder(
			['place', 'coalition', 'network'],
			[
				{ table: 'place', column: 'network_id', references: 'network' },
				{ table: 'place', column: 'parent_id', references: 'place' },
				{ table: 'coalition', column: 'place_id', references: 'place' },
				{ table: 'coalition', column: 'seeded_by_coalition_id', references: 'coalition' }
			]
		);
		expect(order).toEqual(['network', 'place', 'coalition']);
		expect(selfReferences).toEqual({ place: ['parent_id'], coalition: ['seeded_by_coalition_id'] });
	});

	it('stores booleans and timestamps the same whichever database they come from', () => {
		expect(portableValue(1, true)).toBe(true);
		expect(portableValue(false, true)).toBe(false);
		expect(portableValue(null, true)).toBeNull();
		expect(portableValue(new Date(now), false)).toBe(now);
		expect(portableValue(2.5, false)).toBe(2.5);
	});

	it('knows every boolean column of the schema', async () => {
		const handle = await migratedDb('sqlite');
		try {
			const rows = await sql<{ tbl: string; col: string }>`
				select m.name as tbl, p.name as col from sqlite_master m join pragma_table_info(m.name) p
				where m.type = 'table' and lower(p.type) = 'boolean'`.execute(handle.db);
			for (const { tbl, col } of rows.rows) expect(BOOLEAN_COLUMNS[tbl]).toContain(col);
		} finally {
			await handle.close();
		}
	});
});
