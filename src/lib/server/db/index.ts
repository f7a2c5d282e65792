import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config';
import { SqliteBooleanPlugin, type DialectKind } from './dialect';
import type { DB } from './types';

export type Db = Kysely<DB>;

export interface DbHandle {
	db: Db;
	kind: DialectKind;
}

export interface CreateDbOptions {
	/** PostgreSQL schema to use (tests give each file its own); created if missing */
	schema?: string;
	/** PostgreSQL pool size */
	poolSize?: number;
}

// PostgreSQL returns int8 (counts, sums) as strings to avoid precision loss; our counts are small.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function createDb(target: DatabaseTarget, options: CreateDbOptions = {}): DbHandle {
	if (target.kind === 'postgres') {
		const pool = new pg.Pool({
			connectionString: target.location,
			max: options.poolSize ?? 10,
			...(options.schema ? { options: `-c search_path=${options.schema}` } : {})
		});
		return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
	}
	if (target.location !== ':memory:') mkdirSync(dirname(target.location), { recursive: true });
	const sqlite = new Database(target.location);
	// WAL lets the public site read while a staff member writes.
	sqlite.pragma('journal_mode = WAL');
	// Writers wait for each other instead of failing at once with SQLITE_BUSY (CLI next to server).
	sqlite.pragma('busy_timeout = 5000');
	// SQLite ignores foreign keys unless asked, per connection.
	sqlite.pragma('foreign_keys = ON');
	// Safe with WAL: a power cut can lose the last commits but never corrupts the file.
	sqlite.pragma('synchronous = NORMAL');
	return {
		db: new Kysely<DB>({
			dialect: new SqliteDialect({ database: sqlite }),
			plugins: [new SqliteBooleanPlugin()]
		}),
		kind: 'sqlite'
	};
}
