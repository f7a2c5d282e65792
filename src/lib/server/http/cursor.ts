/**
 * Cursor (keyset) pagination for the JSON API's lists. A page is "the next `limit` rows after
 * this (sort value, id)", so page 500 of a big list costs the same as page 1 and a row added
 * while a client walks the list never makes it see another row twice.
 *
 * The cursor is opaque to clients: base64url of JSON `[sortValue, id]`.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export type SortValue = string | number;

export interface PageRequest {
	limit: number;
	after: { value: SortValue; id: string } | null;
}

/** A bad `limit` or `cursor`: the API answers 400 with the field and the code. */
export class PageParamError extends Error {
	constructor(
		readonly field: 'limit' | 'cursor',
		readonly code: 'invalid'
	) {
		super(`${field} is not valid`);
		this.name = 'PageParamError';
	}
}

export function encodeCursor(value: SortValue, id: string): string {
	return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: SortValue; id: string } {
	if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw new PageParamError('cursor', 'invalid');
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		throw new PageParamError('cursor', 'invalid');
	}
	if (
		!Array.isArray(parsed) ||
		parsed.length !== 2 ||
		!(typeof parsed[0] === 'string' || (typeof parsed[0] === 'number' && isFinite(parsed[0]))) ||
		typeof parsed[1] !== 'string'
	) {
		throw new PageParamError('cursor', 'invalid');
	}
	return { value: parsed[0], id: parsed[1] };
}

/** `?limit=` (1–200, default 50) and `?cursor=` from a request's query. */
export function pageRequest(params: URLSearchParams): PageRequest {
	const rawLimit = params.get('limit');
	let limit = DEFAULT_LIMIT;
	if (rawLimit !== null) {
		if (!/^\d{1,4}$/.test(rawLimit)) throw new PageParamError('limit', 'invalid');
		limit = Number(rawLimit);
		if (limit < 1 || limit > MAX_LIMIT) throw new PageParamError('limit', 'invalid');
	}
	const rawCursor = params.get('cursor');
	return { limit, after: rawCursor ? decodeCursor(rawCursor) : null };
}

export interface Keyset {
	/** the sort column, never null (sort on a coalesce if the column may be) */
	sort: string;
	/** the unique tie-breaker */
	id: string;
	direction: 'asc' | 'desc';
}

/**
 * Orders by (sort, id), starts after the cursor and asks for one row more than the page, which
 * tells whether there is a next page without counting.
 */
export function keysetPage<DB, TB extends keyof DB, O>(
	query: SelectQueryBuilder<DB, TB, O>,
	keyset: Keyset,
	page: PageRequest
): SelectQueryBuilder<DB, TB, O> {
	// Kysely cannot type a column chosen at run time; the names come from the resource tables below.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let q = query as SelectQueryBuilder<any, any, O>;
	if (page.after) {
		const { value, id } = page.after;
		const op = keyset.direction === 'asc' ? '>' : '<';
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		q = q.where((eb: ExpressionBuilder<any, any>) =>
			eb(eb.refTuple(keyset.sort, keyset.id), op, eb.tuple(value, id))
		);
	}
	return q
		.orderBy(keyset.sort, keyset.direction)
		.orderBy(keyset.id, keyset.direction)
		.limit(page.limit + 1) as unknown as SelectQueryBuilder<DB, TB, O>;
}

/** The page's rows and the cursor to the next page (null on the last). */
export function pageOf<R>(
	rows: R[],
	page: PageRequest,
	keyOf: (row: R) => [SortValue, string]
): { data: R[]; next_cursor: string | null } {
	if (rows.length <= page.limit) return { data: rows, next_cursor: null };
	const data = rows.slice(0, page.limit);
	const [value, id] = keyOf(data[data.length - 1]);
	return { data, next_cursor: encodeCursor(value, id) };
}
