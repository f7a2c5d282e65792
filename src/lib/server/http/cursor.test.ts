import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LIMIT,
	MAX_LIMIT,
	PageParamError,
	decodeCursor,
	encodeCursor,
	pageOf,
	pageRequest
} from './cursor';

const params = (q: string) => new URLSearchParams(q);

describe('cursor pagination', () => {
	it('round-trips text and number sort values, whatever characters they hold', () => {
		for (const value of ['josé carlos mariátegui', '2026-11-27T20:00:00.000Z', 42, 0, '']) {
			const cursor = encodeCursor(value, 'id-1');
			expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
			expect(decodeCursor(cursor)).toEqual({ value, id: 'id-1' });
		}
	});

	it('reads limit and cursor from the query, with the default and the ceiling', () => {
		expect(pageRequest(params(''))).toEqual({ limit: DEFAULT_LIMIT, after: null });
		expect(pageRequest(params(`limit=${MAX_LIMIT}`)).limit).toBe(MAX_LIMIT);
		expect(pageRequest(params('limit=1&cursor=' + encodeCursor('b', 'x')))).toEqual({
			limit: 1,
			after: { value: 'b', id: 'x' }
		});
	});

	it('refuses a limit out of range and a cursor it did not make', () => {
		const field = (q: string) => {
			try {
				pageRequest(params(q));
				return null;
			} catch (e) {
				expect(e).toBeInstanceOf(PageParamError);
				return (e as PageParamError).field;
			}
		};
		for (const q of ['limit=0', `limit=${MAX_LIMIT + 1}`, 'limit=-5', 'limit=2.5', 'limit=abc'])
			expect(field(q), q).toBe('limit');
		const notOurs = [
			'!!',
			Buffer.from('not json').toString('base64url'),
			Buffer.from('{"a":1}').toString('base64url'),
			Buffer.from('[1]').toString('base64url'),
			Buffer.from('[null,"id"]').toString('base64url'),
			Buffer.from('["a",2]').toString('base64url')
		];
		for (const c of notOurs) expect(field('cursor=' + encodeURIComponent(c)), c).toBe('cursor');
	});

	it('gives a next cursor only when one more row than the page came back', () => {
		const rows = [
			{ id: 'a', name: 'ana' },
			{ id: 'b', name: 'beto' },
			{ id: 'c', name: 'carla' }
		];
		const page = { limit: 2, after: null };
		const first = pageOf(rows, page, (r) => [r.name, r.id]);
		expect(first.data.map((r) => r.id)).toEqual(['a', 'b']);
		expect(decodeCursor(first.next_cursor!)).toEqual({ value: 'beto', id: 'b' });
		expect(pageOf(rows.slice(0, 2), page, (r) => [r.name, r.id]).next_cursor).toBeNull();
	});
});
