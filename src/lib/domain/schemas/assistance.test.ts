import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { CONTACT_FIELDS, contactSchema, FOLLOWUP_FIELDS, followupSchema } from './assistance';

const TODAY = '2026-11-27';

const parseContact = (input: Record<string, unknown>) =>
	parseForm(
		contactSchema(TODAY),
		{ contactOn: '2026-11-20', mode: 'remote', hours: '2', topic: 'planning', ...input },
		CONTACT_FIELDS
	);

const contactErrors = (input: Record<string, unknown>) => {
	const r = parseContact(input);
	return r.ok ? {} : r.errors;
};

describe('the technical assistance contact schema', () => {
	it('accepts a minimal contact', () => {
		const r = parseContact({});
		expect(r.ok && r.value).toMatchObject({
			contactOn: '2026-11-20',
			providerId: null,
			providerPerson: null,
			mode: 'remote',
			hours: 2,
			topic: 'planning',
			summary: null
		});
	});

	it('refuses a day after today, but takes today', () => {
		expect(contactErrors({ contactOn: '2026-11-28' })).toEqual({ contactOn: 'date_future' });
		expect(parseContact({ contactOn: TODAY }).ok).toBe(true);
		expect(contactErrors({ contactOn: '' }).contactOn).toBe('required');
		expect(contactErrors({ contactOn: '2026-13-01' }).contactOn).toBe('date_invalid');
	});

	it('checks mode, topic, hours and lengths', () => {
		expect(contactErrors({ mode: '' }).mode).toBe('required');
		expect(contactErrors({ mode: 'telepathy' }).mode).toBe('invalid');
		expect(contactErrors({ topic: 'sports' }).topic).toBe('invalid');
		expect(contactErrors({ topic: 'modify_policies' })).toEqual({});
		expect(contactErrors({ hours: '200.5' }).hours).toBe('number_invalid');
		expect(contactErrors({ hours: '' }).hours).toBe('required');
		expect(parseContact({ hours: '0,5' }).ok).toBe(true);
		expect(contactErrors({ providerPerson: 'x'.repeat(121) }).providerPerson).toBe('too_long');
		expect(contactErrors({ summary: 'x'.repeat(4001) }).summary).toBe('too_long');
	});
});

describe('the follow-up schema', () => {
	const parseFollowup = (input: Record<string, unknown>) =>
		parseForm(
			followupSchema,
			{ action: 'Enviar el modelo lógico', dueOn: '2026-12-15', status: 'open', ...input },
			FOLLOWUP_FIELDS
		);
	const errors = (input: Record<string, unknown>) => {
		const r = parseFollowup(input);
		return r.ok ? {} : r.errors;
	};

	it('accepts an action with a due day, past days included', () => {
		expect(parseFollowup({}).ok).toBe(true);
		expect(parseFollowup({ dueOn: '2026-01-01' }).ok).toBe(true);
	});

	it('checks the action, the day, the owner and the status', () => {
		expect(errors({ action: 'x' }).action).toBe('too_short');
		expect(errors({ action: 'x'.repeat(301) }).action).toBe('too_long');
		expect(errors({ dueOn: '' }).dueOn).toBe('required');
		expect(errors({ owner: 'x'.repeat(121) }).owner).toBe('too_long');
		expect(errors({ status: 'maybe' }).status).toBe('invalid');
	});
});
