/**
 * The portable backup format: gzip'd JSON Lines. The first line is a header, then one line per
 * row ({ t, r }), then one line per deferred self-reference ({ t, k, u }), and last a trailer
 * ({ end }) so a cut-off file is refused instead of restored in part. Pure: no I/O here.
 */

export const BACKUP_FORMAT = 'minka-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	/** the migrations applied to the source, oldest first */
	migrations: string[];
	/** the tables in the file, in an order that satisfies their foreign keys */
	tables: string[];
}

export type BackupLine =
	| { t: string; r: Record<string, unknown> }
	| { t: string; k: Record<string, unknown>; u: Record<string, unknown> }
	| { end: { rows: number } };

/** Kysely's own bookkeeping: the restore migrates the target itself. */
export function isBackedUpTable(name: string): boolean {
	return !name.startsWith('kysely_migration');
}

/**
 * Columns that hold booleans. SQLite hands them back as 0/1 and declares better-auth's as
 * INTEGER, so the type alone cannot tell; the file always says true/false.
 */
export const BOOLEAN_COLUMNS: Record<string, readonly string[]> = {
	network: ['is_default', 'keep_raw_survey'],
	place: ['coords_approximate'],
	coalition: ['phase_inferred'],
	survey_upload: ['raw_kept'],
	user: ['emailVerified']
};

export function isBooleanType(dataType: string): boolean {
	const t = dataType.toLowerCase();
	return t === 'boolean' || t === 'bool';
}

/** One value as the file stores it, whichever database it came from. */
export function portableValue(value: unknown, isBoolean: boolean): unknown {
	if (value === null || value === undefined) return null;
	if (isBoolean) return value === true || value === 1 || value === '1' || value === 't';
	// PostgreSQL returns timestamp columns (better-auth's) as Date; SQLite holds the same ISO text.
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'bigint') return Number(value);
	return value;
}

export function parseHeader(line: string | undefined): BackupHeader | null {
	if (!line) return null;
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const h = value as Partial<BackupHeader>;
	if (h.format !== BACKUP_FORMAT || typeof h.version !== 'number') return null;
	if (!Array.isArray(h.migrations) || !h.migrations.every((m) => typeof m === 'string'))
		return null;
	if (!Array.isArray(h.tables) || !h.tables.every((m) => typeof m === 'string')) return null;
	return {
		format: BACKUP_FORMAT,
		version: h.version,
		createdAt: String(h.createdAt ?? ''),
		migrations: h.migrations,
		tables: h.tables
	};
}

export interface ForeignKey {
	table: string;
	column: string;
	references: string;
}

/**
 * Tables ordered so every table comes after the ones it references (ties by name, so two runs
 * write the same file), and the self-referencing columns, which the restore fills in a second
 * pass because a row may point at one that comes later.
 */
export function insertOrder(
	tables: readonly string[],
	foreignKeys: readonly ForeignKey[]
): { order: string[]; selfReferences: Record<string, string[]> } {
	const known = new Set(tables);
	const needs = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
	const selfReferences: Record<string, string[]> = {};
	for (const fk of foreignKeys) {
		if (!known.has(fk.table) || !known.has(fk.references)) continue;
		if (fk.table === fk.references) {
			const cols = (selfReferences[fk.table] ??= []);
			if (!cols.includes(fk.column)) cols.push(fk.column);
		} else {
			needs.get(fk.table)!.add(fk.references);
		}
	}
	const order: string[] = [];
	const placed = new Set<string>();
	const remaining = [...tables].sort();
	while (remaining.length > 0) {
		const next = remaining.findIndex((t) => [...needs.get(t)!].every((n) => placed.has(n)));
		if (next < 0) throw new Error(`foreign keys form a cycle among: ${remaining.join(', ')}`);
		const [table] = remaining.splice(next, 1);
		order.push(table);
		placed.add(table);
	}
	for (const cols of Object.values(selfReferences)) cols.sort();
	return { order, selfReferences };
}

/** Migrations in the backup that this code does not know: restoring would lose their meaning. */
export function unknownMigrations(header: BackupHeader, known: readonly string[]): string[] {
	const set = new Set(known);
	return header.migrations.filter((m) => !set.has(m));
}
