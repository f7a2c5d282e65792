import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tableNames } from '../../src/lib/server/db/dialect';
import {
	appliedMigrations,
	migrateDown,
	migrateToLatest,
	SchemaTooNewError
} from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations';
import { dialects, emptyDb, type TestDb } from '../db';

const newest = Object.keys(migrations).sort().at(-1)!;

describe.each(dialects())('migrations on %s', (dialect) => {
	let handle: TestDb;
	afterEach(async () => handle?.close());

	it('installs every migration on an empty database', async () => {
		handle = await emptyDb(dialect);
		await migrateToLatest(handle.db);
		expect(await appliedMigrations(handle.db)).toEqual(Object.keys(migrations).sort());
		expect(await tableNames(handle.db)).toEqual(
			expect.arrayContaining(['network', 'place', 'phase', 'organization', 'coalition'])
		);
	});

	it('changes nothing when run again (every start runs it)', async () => {
		handle = await emptyDb(dialect);
		await migrateToLatest(handle.db);
		const second = await migrateToLatest(handle.db);
		expect(second.results).toEqual([]);
	});

	it('can undo the newest migration and apply it again', async () => {
		handle = await emptyDb(dialect);
		await migrateToLatest(handle.db);
		await migrateDown(handle.db);
		expect(await appliedMigrations(handle.db)).not.toContain(newest);
		await migrateToLatest(handle.db);
		expect(await appliedMigrations(handle.db)).toContain(newest);
	});

	it('refuses a database migrated by newer code, and changes nothing', async () => {
		handle = await emptyDb(dialect);
		await migrateToLatest(handle.db);
		await sql`insert into kysely_migration (name, timestamp) values (${'2999-01-01T0000_from_the_future'}, ${new Date().toISOString()})`.execute(
			handle.db
		);
		const error = await migrateToLatest(handle.db).catch((e) => e);
		expect(error).toBeInstanceOf(SchemaTooNewError);
		expect(error.message).toMatch(/newer version of Minka/);
		expect(error.message).toContain('2999-01-01T0000_from_the_future');
	});
});
