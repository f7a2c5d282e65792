import { describe, expect, it } from 'vitest';
import {
	CONTACT_LIMITS,
	CONTACT_RATE_LIMIT,
	CONTACT_TOPICS,
	isHoneypotFilled,
	isOverLimit,
	parseContactForm,
	rateLimitSubject
} from './contact';

const good = {
	name: '  Rosa Quispe ',
	email: ' rosa@example.pe ',
	topic: 'start_coalition',
	message: '  Queremos formar una coalición en nuestro barrio.  ',
	coalition: '',
	website: ''
};

describe('parseContactForm', () => {
	it('accepts a good message, trimmed, without a coalition', () => {
		const r = parseContactForm(good);
		expect(r).toEqual({
			ok: true,
			value: {
				name: 'Rosa Quispe',
				email: 'rosa@example.pe',
				topic: 'start_coalition',
				message: 'Queremos formar una coalición en nuestro barrio.',
				coalition: undefined,
				website: ''
			}
		});
	});

	it('keeps a coalition slug and folds line breaks in the name', () => {
		const r = parseContactForm({ ...good, name: 'Rosa\r\nQuispe', coalition: ' callao-norte ' });
		expect(r.ok && r.value).toMatchObject({ name: 'Rosa Quispe', coalition: 'callao-norte' });
	});

	it('treats missing fields and files as empty and reports "required" for each', () => {
		const r = parseContactForm({ name: new Blob(['x']) });
		expect(r).toEqual({
			ok: false,
			errors: { name: 'required', email: 'required', topic: 'required', message: 'required' },
			values: { name: '', email: '', topic: '', message: '', coalition: '' }
		});
	});

	it('gives one code per field and keeps what the visitor typed', () => {
		const form = {
			name: ' R ',
			email: 'rosa@',
			topic: 'spam',
			message: 'Hola',
			coalition: 'Not A Slug!'
		};
		const r = parseContactForm(form);
		expect(r).toEqual({
			ok: false,
			errors: {
				name: 'name_too_short',
				email: 'email_invalid',
				topic: 'topic_invalid',
				message: 'message_too_short',
				coalition: 'coalition_unknown'
			},
			values: form
		});
	});

	it('enforces the upper limits', () => {
		const r = parseContactForm({
			...good,
			name: 'a'.repeat(CONTACT_LIMITS.nameMax + 1),
			email: 'a'.repeat(CONTACT_LIMITS.emailMax) + '@example.pe',
			message: 'm'.repeat(CONTACT_LIMITS.messageMax + 1)
		});
		expect(r.ok ? {} : r.errors).toEqual({
			name: 'name_too_long',
			email: 'email_too_long',
			message: 'message_too_long'
		});
		const atLimit = parseContactForm({
			...good,
			name: 'a'.repeat(CONTACT_LIMITS.nameMax),
			message: 'm'.repeat(CONTACT_LIMITS.messageMax)
		});
		expect(atLimit.ok).toBe(true);
	});

	it('accepts every listed topic', () => {
		for (const topic of CONTACT_TOPICS) expect(parseContactForm({ ...good, topic }).ok).toBe(true);
	});

	it('flags a filled honeypot', () => {
		expect(isHoneypotFilled({ ...good, website: 'http://spam.example' })).toBe(true);
		expect(isHoneypotFilled(good)).toBe(false);
		expect(isHoneypotFilled({})).toBe(false);
		const r = parseContactForm({ ...good, website: 'x' });
		expect(r.ok ? {} : r.errors).toEqual({ website: 'honeypot_filled' });
		// The honeypot's content is never echoed back.
		expect(r.ok ? {} : r.values).not.toHaveProperty('website');
	});
});

describe('the rate limit', () => {
	it('allows five messages an hour and refuses the sixth', () => {
		expect(CONTACT_RATE_LIMIT).toEqual({ max: 5, windowMs: 3_600_000 });
		expect(isOverLimit(0)).toBe(false);
		expect(isOverLimit(4)).toBe(false);
		expect(isOverLimit(5)).toBe(true);
		expect(isOverLimit(2, 2)).toBe(true);
	});

	it('counts an IPv4 visitor the same through an IPv6 socket, and IPv6 by /64', () => {
		expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
		expect(rateLimitSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(rateLimitSubject('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
		expect(rateLimitSubject('2001:DB8:0:12:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:12::/64');
		expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64');
		expect(rateLimitSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(rateLimitSubject('not-an-ip')).toBe('not-an-ip');
	});
});
