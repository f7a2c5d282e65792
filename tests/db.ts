import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';

export type DialectName = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. For describe.each. */
export function dialects(): DialectName[] {
	return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends DbHandle {
	close: () => Promise<void>;
}

/**
 * An empty database: SQLite in memory, or a fresh PostgreSQL schema that is dropped on close, so
 * test files never see each other's rows.
 */
export async function emptyDb(dialect: DialectName): Promise<TestDb> {
	if (dialect === 'sqlite') {
		const handle = createDb({ kind: 'sqlite', location: ':memory:' });
		return { ...handle, close: () => handle.db.destroy() };
	}
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE_URL is not set');
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const handle = createDb({ kind: 'postgres', location: url }, { schema, poolSize: 4 });
	return {
		...handle,
		close: async () => {
			await handle.db.destroy();
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			await c.query(`drop schema if exists ${schema} cascade`);
			await c.end();
		}
	};
}

/** An empty database with the schema at the latest migration. */
export async function migratedDb(dialect: DialectName): Promise<TestDb> {
	const handle = await emptyDb(dialect);
	await migrateToLatest(handle.db);
	return handle;
}
