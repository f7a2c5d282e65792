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
