import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations as knownMigrations } from './migrations';
import { tableNames } from './dialect';
import type { Migration } from 'kysely';

const MIGRATION_TABLE = 'kysely_migration';

export class SchemaTooNewError extends Error {
	constructor(readonly unknownMigrations: string[]) {
		super(
			`This database was migrated by a newer version of Minka (unknown migrations: ${unknownMigrations.join(', ')}). ` +
				'Run the newer version, or restore a backup made by this one. Nothing was changed.'
		);
		this.name = 'SchemaTooNewError';
	}
}

export class MigrationFailedError extends Error {
	constructor(
		readonly migrationName: string | undefined,
		cause: unknown
	) {
		super(
			`Migration ${migrationName ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
			{ cause }
		);
		this.name = 'MigrationFailedError';
	}
}

function migratorFor(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	db: Kysely<any>,
	migrations: Record<string, Migration>
): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableName: MIGRATION_TABLE
	});
}

/** Names already applied to this database, oldest first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
	if (!(await tableNames(db)).includes(MIGRATION_TABLE)) return [];
	const rows = await db.selectFrom(MIGRATION_TABLE).select('name').orderBy('name').execute();
	return rows.map((r: { name: string }) => r.name);
}

/**
 * Brings the schema to the latest version this code knows. Refuses, before touching anything, a
 * database that has migrations this code does not know: running old code on a newer schema would
 * write rows the newer code does not expect.
 */
export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	db: Kysely<any>,
	migrations: Record<string, Migration> = knownMigrations
): Promise<MigrationResultSet> {
	const applied = await appliedMigrations(db);
	const unknown = applied.filter((name) => !(name in migrations));
	if (unknown.length > 0) throw new SchemaTooNewError(unknown);
	const result = await migratorFor(db, migrations).migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new MigrationFailedError(failed?.migrationName, result.error);
	}
	return result;
}

/** Undoes the newest migration; for the CLI and the migrator tests. */
export async function migrateDown(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	db: Kysely<any>,
	migrations: Record<string, Migration> = knownMigrations
): Promise<MigrationResultSet> {
	const result = await migratorFor(db, migrations).migrateDown();
	if (result.error)
		throw new MigrationFailedError(result.results?.[0]?.migrationName, result.error);
	return result;
}
