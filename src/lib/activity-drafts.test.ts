import { describe, expect, it } from 'vitest';
import {
	bodyOf,
	fieldsOf,
	fieldsOfBody,
	fill,
	newDraftId,
	outcomeOf,
	parseOutbox,
	sameFields,
	withEntry,
	withoutEntry
} from '../../static/activity-drafts.js';
import { parseForm } from './domain/forms';
import { ACTIVITY_FIELDS, activitySchema } from './domain/schemas/planning';

const entry = (id: string, body = 'description=x') => ({
	id,
	action: 'http://localhost/app/coalitions/c1/activities?/log',
	body,
	savedAt: '2026-11-27T15:00:00.000Z'
});

describe('offline activity drafts', () => {
	it('makes draft ids the server accepts, different each time', () => {
		const ids = new Set(Array.from({ length: 50 }, () => newDraftId()));
		expect(ids.size).toBe(50);
		const schema = activitySchema('2026-11-27');
		for (const id of ids) {
			const parsed = parseForm(
				schema,
				{
					happenedOn: '2026-11-27',
					description: 'Charla',
					strategyCode: 'provide_information',
					kind: 'community_action',
					clientDraftId: id
				},
				ACTIVITY_FIELDS
			);
			expect(parsed.ok ? parsed.value.clientDraftId : parsed.errors, id).toBe(id);
		}
	});

	it('keeps every ticked sector through storage and back into a body', () => {
		const multiple = new Set(['sectors']);
		const fields = fieldsOf(
			[
				['description', 'Feria de salud'],
				['sectors', 'youth'],
				['sectors', 'schools'],
				['reachedTotal', '40']
			],
			multiple
		);
		expect(fields).toEqual({
			description: 'Feria de salud',
			sectors: ['youth', 'schools'],
			reachedTotal: '40'
		});
		expect(fieldsOf([['sectors', 'youth']], multiple)).toEqual({ sectors: ['youth'] });
		const body = bodyOf(fields);
		expect(new URLSearchParams(body).getAll('sectors')).toEqual(['youth', 'schools']);
		expect(fieldsOfBody(body, multiple)).toEqual(fields);
	});

	it('treats a form still showing its defaults as no draft, whatever its draft id', () => {
		const initial = { happenedOn: '2026-11-27', kind: 'community_action', clientDraftId: 'd1' };
		expect(sameFields({ ...initial, clientDraftId: 'd2', sectors: [] }, initial)).toBe(true);
		expect(sameFields({ ...initial, description: '' }, initial)).toBe(true);
		expect(sameFields({ ...initial, description: 'Pasacalle' }, initial)).toBe(false);
		expect(sameFields({ ...initial, sectors: ['youth'] }, initial)).toBe(false);
	});

	it('holds one copy of a draft in the outbox and drops it once sent', () => {
		let outbox = withEntry([], entry('a', 'description=first'));
		outbox = withEntry(outbox, entry('b'));
		outbox = withEntry(outbox, entry('a', 'description=second'));
		expect(outbox.map((e) => [e.id, e.body])).toEqual([
			['b', 'description=x'],
			['a', 'description=second']
		]);
		expect(withoutEntry(outbox, 'b').map((e) => e.id)).toEqual(['a']);
	});

	it('reads only well-formed entries back from storage', () => {
		expect(parseOutbox(null)).toEqual([]);
		expect(parseOutbox({ id: 'a' })).toEqual([]);
		expect(parseOutbox([entry('a'), { id: 'b' }, null, 'x'])).toEqual([entry('a')]);
	});

	it('clears an entry only when the server recorded it, and retries when it could not answer', () => {
		expect(outcomeOf(200, { type: 'redirect', status: 303, location: '/app' })).toBe('accepted');
		expect(outcomeOf(200, { type: 'success', status: 200 })).toBe('accepted');
		expect(outcomeOf(400, { type: 'failure', status: 400, data: '[]' })).toBe('rejected');
		// Signed out, a crash, or a proxy's HTML error page: try again later.
		expect(outcomeOf(404, { type: 'error', error: { message: 'Not Found' } })).toBe('retry');
		expect(outcomeOf(500, { type: 'failure' })).toBe('retry');
		expect(outcomeOf(502, null)).toBe('retry');
		expect(outcomeOf(200, 'ok')).toBe('retry');
	});

	it('fills the count into the translated texts', () => {
		expect(fill('Actividades que esperan conexión: {n}.', 2)).toBe(
			'Actividades que esperan conexión: 2.'
		);
		expect(fill(undefined, 1)).toBe('');
	});
});
