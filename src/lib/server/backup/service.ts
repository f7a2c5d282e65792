/**
 * `minka backup` / `minka restore`: the whole database as one gzip'd JSON Lines file that either
 * database can load (format in $lib/domain/backup). Both directions stream: a table is read a page
 * at a time and a file is read a line at a time, so memory does not grow with the database.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	BOOLEAN_COLUMNS,
	insertOrder,
	isBackedUpTable,
	isBooleanType,
	parseHeader,
	portableValue,
	unknownMigrations,
	type BackupHeader,
	type BackupLine,
	type ForeignKey
} from '$lib/domain/backup';
import { createAuth, migrateAuth } from '../auth/create';
import type { Db } from '../db';
import { describeSchema, dialectOf, snapshotTransaction, tableNames } from '../db/dialect';
import { appliedMigrations, migrateToLatest } from '../db/migrate';
import { migrations as knownMigrations } from '../db/migrations';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** A refusal the operator can act on; the CLI prints the message and exits 1. */
export class BackupError extends Error {
	constructor(
		readonly code: 'not_a_backup' | 'too_new' | 'not_empty' | 'truncated' | 'schema_mismatch',
		message: string
	) {
		super(message);
		this.name = 'BackupError';
	}
}

interface TableInfo {
	columns: Map<string, string>;
	primaryKey: string[];
	booleans: Set<string>;
}

interface SchemaInfo {
	tables: Map<string, TableInfo>;
	order: string[];
	selfReferences: Record<string, string[]>;
}

async function schemaInfo(db: AnyDb): Promise<SchemaInfo> {
	const names = (await tableNames(db)).filter(isBackedUpTable);
	const { columns, foreignKeys: fks } = await describeSchema(db);
	const tables = new Map<string, TableInfo>();
	for (const name of names) {
		const own = columns.filter((c) => c.tbl === name);
		tables.set(name, {
			columns: new Map(own.map((c) => [c.col, c.type])),
			primaryKey: own
				.filter((c) => Number(c.pk) > 0)
				.sort((a, b) => Number(a.pk) - Number(b.pk))
				.map((c) => c.col),
			booleans: new Set([
				...own.filter((c) => isBooleanType(c.type)).map((c) => c.col),
				...(BOOLEAN_COLUMNS[name] ?? [])
			])
		});
	}
	const foreignKeys: ForeignKey[] = fks.map((f) => ({
		table: f.tbl,
		column: f.col,
		references: f.ref
	}));
	return { tables, ...insertOrder(names, foreignKeys) };
}

const PAGE = 500;

/** Every row of a table, a page at a time, in primary-key order. */
async function* tableRows(db: AnyDb, table: string, info: TableInfo) {
	const key = info.primaryKey.length > 0 ? info.primaryKey : [...info.columns.keys()];
	if (key.length === 1) {
		// Keyset paging: each page costs the same however deep into the table it is.
		const [col] = key;
		let last: unknown = undefined;
		for (;;) {
			let q = db.selectFrom(table).selectAll().orderBy(sql.ref(col)).limit(PAGE);
			if (last !== undefined) q = q.where(sql.ref(col), '>', last);
			const rows = await q.execute();
			for (const row of rows) yield row as Record<string, unknown>;
			if (rows.length < PAGE) return;
			last = (rows.at(-1) as Record<string, unknown>)[col];
		}
	}
	for (let offset = 0; ; offset += PAGE) {
		let q = db.selectFrom(table).selectAll();
		for (const col of key) q = q.orderBy(sql.ref(col));
		const rows = await q.limit(PAGE).offset(offset).execute();
		for (const row of rows) yield row as Record<string, unknown>;
		if (rows.length < PAGE) return;
	}
}

function portableRow(row: Record<string, unknown>, info: TableInfo): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [col, value] of Object.entries(row))
		out[col] = portableValue(value, info.booleans.has(col));
	return out;
}

export interface BackupSummary {
	rows: number;
	tables: Record<string, number>;
}

/** Writes the whole database to `file` (gzip'd JSON Lines). */
export async function writeBackup(db: Db, file: string): Promise<BackupSummary> {
	const migrations = await appliedMigrations(db);
	if (migrations.length === 0)
		throw new BackupError('schema_mismatch', 'the database has no schema: nothing to back up');
	const summary: BackupSummary = { rows: 0, tables: {} };
	const run = async (trx: AnyDb) => {
		const schema = await schemaInfo(trx);
		const header: BackupHeader = {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			createdAt: new Date().toISOString(),
			migrations,
			tables: schema.order
		};
		async function* lines() {
			yield JSON.stringify(header) + '\n';
			for (const table of schema.order) {
				const info = schema.tables.get(table)!;
				let count = 0;
				for await (const row of tableRows(trx, table, info)) {
					count++;
					yield JSON.stringify({ t: table, r: portableRow(row, info) } satisfies BackupLine) + '\n';
				}
				summary.tables[table] = count;
				summary.rows += count;
				const selfRefs = schema.selfReferences[table] ?? [];
				if (selfRefs.length === 0) continue;
				for await (const row of tableRows(trx, table, info)) {
					const u = Object.fromEntries(
						selfRefs.filter((c) => row[c] !== null).map((c) => [c, row[c]])
					);
					if (Object.keys(u).length === 0) continue;
					const k = Object.fromEntries(info.primaryKey.map((c) => [c, row[c]]));
					yield JSON.stringify({ t: table, k, u } satisfies BackupLine) + '\n';
				}
			}
			yield JSON.stringify({ end: { rows: summary.rows } } satisfies BackupLine) + '\n';
		}
		await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
	};
	// One snapshot, so a row written during the backup cannot appear without the rows it needs.
	await snapshotTransaction(db).execute(run);
	return summary;
}

function openLines(file: string) {
	const gunzip = createGunzip();
	const input = createReadStream(file);
	const failed = new Promise<never>((_, reject) => {
		const fail = (e: Error) =>
			reject(
				'code' in e && e.code === 'ENOENT'
					? new BackupError('not_a_backup', `cannot read ${file}: no such file`)
					: new BackupError('not_a_backup', `${file} is not a Minka backup (${e.message})`)
			);
		input.on('error', fail);
		gunzip.on('error', fail);
	});
	failed.catch(() => {});
	const rl = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
	const it = rl[Symbol.asyncIterator]();
	return {
		next: async (): Promise<string | undefined> => {
			const r = await Promise.race([it.next(), failed]);
			return r.done ? undefined : r.value;
		},
		close: () => {
			rl.close();
			input.destroy();
		}
	};
}

/** Reads and checks the header alone: what the file holds and whether this code can load it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
	const lines = openLines(file);
	try {
		const header = parseHeader(await lines.next());
		if (!header) throw new BackupError('not_a_backup', `${file} is not a Minka backup`);
		if (header.version > BACKUP_VERSION)
			throw new BackupError(
				'too_new',
				`${file} is a version ${header.version} backup; this Minka reads version ${BACKUP_VERSION}`
			);
		const unknown = unknownMigrations(header, Object.keys(knownMigrations));
		if (unknown.length > 0)
			throw new BackupError(
				'too_new',
				`${file} was made by a newer Minka (unknown migrations: ${unknown.join(', ')}). ` +
					'Restore it with that version. Nothing was changed.'
			);
		return header;
	} finally {
		lines.close();
	}
}

async function nonEmptyTables(db: AnyDb): Promise<string[]> {
	const found: string[] = [];
	for (const table of (await tableNames(db)).filter(isBackedUpTable)) {
		if (
			await db
				.selectFrom(table)
				.select(sql`1`.as('x'))
				.limit(1)
				.executeTakeFirst()
		)
			found.push(table);
	}
	return found;
}

export interface RestoreOptions {
	/** delete every row of the target first (in the same transaction as the load) */
	force?: boolean;
}

/**
 * Loads a backup into an empty database of either kind. The target is migrated to the backup's
 * schema, loaded in one transaction (a failure leaves no rows), then migrated to the latest, so
 * an older backup goes through the same data migrations a live database would.
 */
export async function restoreBackup(
	db: Db,
	file: string,
	options: RestoreOptions = {}
): Promise<BackupSummary> {
	const header = await readBackupHeader(file);
	const occupied = await nonEmptyTables(db);
	if (occupied.length > 0 && !options.force)
		throw new BackupError(
			'not_empty',
			`the target database is not empty (rows in ${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}). ` +
				'Restore into an empty database, or pass --force to replace everything in it.'
		);

	const applied = await appliedMigrations(db);
	const atBackup = new Set(header.migrations);
	if (applied.every((m) => atBackup.has(m))) {
		await migrateToLatest(
			db,
			Object.fromEntries(Object.entries(knownMigrations).filter(([name]) => atBackup.has(name)))
		);
	} else {
		await migrateToLatest(db);
	}
	// better-auth creates its tables itself; this throwaway secret never signs anything.
	const secret = randomBytes(32).toString('hex');
	await migrateAuth(createAuth(db, dialectOf(db), { secret, baseURL: 'http://localhost' }));

	const schema = await schemaInfo(db);
	const missing = header.tables.filter((t) => !schema.tables.has(t));
	if (missing.length > 0)
		throw new BackupError(
			'schema_mismatch',
			`the backup has tables this database lacks: ${missing.join(', ')}`
		);

	const inFile = new Set(header.tables);
	const summary: BackupSummary = { rows: 0, tables: {} };
	const lines = openLines(file);
	try {
		await lines.next();
		await (db as AnyDb).transaction().execute(async (trx) => {
			if (options.force) {
				for (const table of [...schema.order].reverse()) await trx.deleteFrom(table).execute();
			}
			let batchTable = '';
			let batch: Record<string, unknown>[] = [];
			const flush = async () => {
				if (batch.length > 0) await trx.insertInto(batchTable).values(batch).execute();
				batch = [];
			};
			let ended: { rows: number } | null = null;
			for (let line = await lines.next(); line !== undefined; line = await lines.next()) {
				if (line.trim() === '') continue;
				if (ended) throw new BackupError('not_a_backup', `${file} has lines after its end`);
				let entry: BackupLine;
				try {
					entry = JSON.parse(line) as BackupLine;
				} catch {
					throw new BackupError('not_a_backup', `${file} has a damaged line`);
				}
				if ('end' in entry) {
					ended = entry.end;
					continue;
				}
				const info = schema.tables.get(entry.t);
				if (!info || !inFile.has(entry.t))
					throw new BackupError('schema_mismatch', `unexpected table "${entry.t}" in ${file}`);
				if ('u' in entry) {
					await flush();
					let q = trx.updateTable(entry.t).set(targetRow(entry.t, entry.u, info, []));
					for (const [col, value] of Object.entries(entry.k)) q = q.where(sql.ref(col), '=', value);
					await q.execute();
					continue;
				}
				if (entry.t !== batchTable) {
					await flush();
					batchTable = entry.t;
				}
				batch.push(targetRow(entry.t, entry.r, info, schema.selfReferences[entry.t] ?? []));
				summary.tables[entry.t] = (summary.tables[entry.t] ?? 0) + 1;
				summary.rows++;
				// Stay under both databases' bound-parameter limits.
				if (batch.length * info.columns.size >= 5000) await flush();
			}
			await flush();
			if (!ended)
				throw new BackupError(
					'truncated',
					`${file} is cut short (no end marker); nothing restored`
				);
			if (ended.rows !== summary.rows)
				throw new BackupError(
					'truncated',
					`${file} announces ${ended.rows} rows but holds ${summary.rows}; nothing restored`
				);
		});
	} finally {
		lines.close();
	}
	await migrateToLatest(db);
	return summary;
}

function targetRow(
	table: string,
	row: Record<string, unknown>,
	info: TableInfo,
	deferred: string[]
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [col, value] of Object.entries(row)) {
		if (!info.columns.has(col))
			throw new BackupError(
				'schema_mismatch',
				`the backup has a column ${table}.${col} unknown here`
			);
		// Filled in by the { u } lines once every row of the table is in.
		if (deferred.includes(col)) out[col] = null;
		else if (value !== null && info.booleans.has(col)) out[col] = portableValue(value, true);
		else out[col] = value;
	}
	return out;
}
