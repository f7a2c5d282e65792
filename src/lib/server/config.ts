import { resolve } from 'node:path';

/**
 * Where the database lives. Read from process.env (not $env) so the CLI, the tests and the server
 * all resolve it the same way.
 */
export interface DatabaseTarget {
	kind: 'sqlite' | 'postgres';
	/** a file path for SQLite (or ':memory:'), a connection string for PostgreSQL */
	location: string;
}

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.DATA_DIR || 'data');
}

export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
	const url = env.DATABASE_URL?.trim();
	if (url && /^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', location: url };
	if (url) return { kind: 'sqlite', location: url.replace(/^sqlite:(\/\/)?/i, '') };
	return { kind: 'sqlite', location: resolve(dataDir(env), 'minka.db') };
}
