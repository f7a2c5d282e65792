/**
 * The one module that knows whether we run on SQLite or PostgreSQL. Everything else writes
 * dialect-free Kysely and calls these helpers where the two differ.
 */
import {
	Kysely,
	OperationNodeTransformer,
	PostgresAdapter,
	sql,
	type Expression,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RawBuilder,
	type RootOperationNode,
	type UnknownRow,
	type ValueNode,
	type PrimitiveValueListNode
} from 'kysely';
import {
	jsonArrayFrom as pgJsonArrayFrom,
	jsonObjectFrom as pgJsonObjectFrom
} from 'kysely/helpers/postgres';
import {
	jsonArrayFrom as sqliteJsonArrayFrom,
	jsonObjectFrom as sqliteJsonObjectFrom
} from 'kysely/helpers/sqlite';

export type DialectKind = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): DialectKind {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** SQLite has no boolean type and better-sqlite3 refuses to bind JS booleans. */
class BooleanToIntegerTransformer extends OperationNodeTransformer {
	protected override transformValue(node: ValueNode): ValueNode {
		const value = node.value;
		return typeof value === 'boolean' ? { ...node, value: value ? 1 : 0 } : node;
	}

	protected override transformPrimitiveValueList(
		node: PrimitiveValueListNode
	): PrimitiveValueListNode {
		return {
			...node,
			values: node.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))
		};
	}
}

export class SqliteBooleanPlugin implements KyselyPlugin {
	readonly #transformer = new BooleanToIntegerTransformer();

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.#transformer.transformNode(args.node);
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

/** SQLite returns 0/1, PostgreSQL true/false. */
export function toBool(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** Numbers: PostgreSQL returns bigint counts as strings. */
export function toNumber(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string' && value.trim() !== '') return Number(value);
	return 0;
}

function escapeLike(term: string): string {
	return term.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * `column LIKE %term%` with the wildcard characters in `term` taken literally. Callers compare
 * normalized (lowercase, accent-free) columns with a normalized term, so one form works on both
 * databases even though SQLite's LIKE folds only ASCII and PostgreSQL's is case-sensitive.
 */
export function containsText(
	column: Expression<unknown>,
	normalizedTerm: string
): RawBuilder<boolean> {
	return sql<boolean>`${column} like ${'%' + escapeLike(normalizedTerm) + '%'} escape '\\'`;
}

/**
 * A correlated subquery as a JSON array. Read the column through `parseJson`: SQLite hands it
 * back as text, PostgreSQL already parsed.
 */
export function jsonArrayFrom<O>(
	db: AnyDb,
	expr: Parameters<typeof sqliteJsonArrayFrom<O>>[0]
): ReturnType<typeof sqliteJsonArrayFrom<O>> {
	return dialectOf(db) === 'postgres' ? pgJsonArrayFrom(expr) : sqliteJsonArrayFrom(expr);
}

export function jsonObjectFrom<O>(
	db: AnyDb,
	expr: Parameters<typeof sqliteJsonObjectFrom<O>>[0]
): ReturnType<typeof sqliteJsonObjectFrom<O>> {
	return dialectOf(db) === 'postgres' ? pgJsonObjectFrom(expr) : sqliteJsonObjectFrom(expr);
}

export function parseJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Names of the tables in the current schema, for the migrator and backups. */
export async function tableNames(db: AnyDb): Promise<string[]> {
	if (dialectOf(db) === 'postgres') {
		const r = await sql<{ name: string }>`
			select table_name as name from information_schema.tables
			where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
		return r.rows.map((row) => row.name);
	}
	const r = await sql<{ name: string }>`
		select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	return r.rows.map((row) => row.name);
}

export interface SchemaDescription {
	/** every column; `pk` is its position in the primary key, 0 when not part of it */
	columns: { tbl: string; col: string; type: string; pk: number }[];
	foreignKeys: { tbl: string; col: string; ref: string }[];
}

/** Columns and foreign keys of every table in the current schema, for backups. */
export async function describeSchema(db: AnyDb): Promise<SchemaDescription> {
	if (dialectOf(db) === 'postgres') {
		const columns = await sql<SchemaDescription['columns'][number]>`
			select c.table_name as tbl, c.column_name as col, c.data_type as type,
				coalesce(k.ordinal_position, 0) as pk
			from information_schema.columns c
			left join information_schema.table_constraints tc
				on tc.table_schema = c.table_schema and tc.table_name = c.table_name
				and tc.constraint_type = 'PRIMARY KEY'
			left join information_schema.key_column_usage k
				on k.constraint_schema = tc.constraint_schema
				and k.constraint_name = tc.constraint_name and k.column_name = c.column_name
			where c.table_schema = current_schema()
			order by c.table_name, c.ordinal_position`.execute(db);
		const foreignKeys = await sql<SchemaDescription['foreignKeys'][number]>`
			select tc.table_name as tbl, k.column_name as col, cu.table_name as ref
			from information_schema.table_constraints tc
			join information_schema.key_column_usage k
				on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
			join information_schema.constraint_column_usage cu
				on cu.constraint_schema = tc.constraint_schema and cu.constraint_name = tc.constraint_name
			where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
		return { columns: columns.rows, foreignKeys: foreignKeys.rows };
	}
	const columns = await sql<SchemaDescription['columns'][number]>`
		select m.name as tbl, p.name as col, p.type as type, p.pk as pk
		from sqlite_master m join pragma_table_info(m.name) p
		where m.type = 'table' order by m.name, p.cid`.execute(db);
	const foreignKeys = await sql<SchemaDescription['foreignKeys'][number]>`
		select m.name as tbl, p."from" as col, p."table" as ref
		from sqlite_master m join pragma_foreign_key_list(m.name) p
		where m.type = 'table'`.execute(db);
	return { columns: columns.rows, foreignKeys: foreignKeys.rows };
}

/**
 * A transaction that sees one consistent snapshot while it reads many tables. SQLite's single
 * connection already gives that; PostgreSQL needs repeatable read.
 */
export function snapshotTransaction(db: AnyDb) {
	return dialectOf(db) === 'postgres'
		? db.transaction().setIsolationLevel('repeatable read')
		: db.transaction();
}

/** How many bound values one statement may carry (SQLite's default limit, PostgreSQL's protocol). */
export function maxBindParameters(db: AnyDb): number {
	return dialectOf(db) === 'postgres' ? 65535 : 32766;
}

/**
 * Settings for a transaction that loads a great many rows at once (the data generator). SQLite's
 * default 2 MB page cache thrashes once indexes of random UUID keys outgrow it; PostgreSQL need
 * not wait for the disk at each commit of rows that can be made again.
 */
export async function prepareBulkLoad(trx: AnyDb): Promise<void> {
	if (dialectOf(trx) === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
	else await sql`pragma cache_size = -262144`.execute(trx);
}
