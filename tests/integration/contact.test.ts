import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	contactFormOptions,
	contactRateKey,
	submitContact,
	type SubmitContactInput
} from '../../src/lib/server/contact/service';
import type { MailMessage, Mailer } from '../../src/lib/server/mail';
import { mailerFromEnv } from '../../src/lib/server/mail';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { dialects, migratedDb, type TestDb } from '../db';

const form = {
	name: ' Rosa Quispe ',
	email: 'rosa@example.pe',
	topic: 'start_coalition',
	message: 'Queremos formar una coalición en nuestro barrio de Cerro Colorado.',
	coalition: '',
	website: ''
};

class FakeMailer implements Mailer {
	sent: MailMessage[] = [];
	async send(msg: MailMessage) {
		this.sent.push(msg);
	}
}

describe.each(dialects())('the contact form on %s', (dialect) => {
	let handle: TestDb;
	let callaoNorteSlug: string;
	let address = 0;
	// Each test writes from its own address so the rate limit of one does not leak into the next.
	const nextAddress = () => `198.51.100.${++address}`;

	const submit = (over: Partial<SubmitContactInput> = {}, mailer?: Mailer) =>
		submitContact(handle.db, { form, clientAddress: nextAddress(), locale: 'es', ...over }, mailer);
	const messages = () =>
		handle.db.selectFrom('contact_message').selectAll().orderBy('created_at').execute();

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const row = await handle.db
			.selectFrom('coalition')
			.select('slug')
			.where('name', '=', 'Callao Norte')
			.executeTakeFirstOrThrow();
		callaoNorteSlug = row.slug;
	});
	afterAll(async () => handle?.close());
	beforeEach(async () => {
		await handle.db.deleteFrom('contact_message').execute();
		await handle.db.deleteFrom('rate_event').execute();
	});

	it('offers the topics and the coalitions of the network by name, namesakes told apart', async () => {
		const options = await contactFormOptions(handle.db, 'es');
		expect(options.topics).toContain('start_coalition');
		expect(options.coalitions).toHaveLength(55);
		const labels = options.coalitions.map((c) => c.label);
		expect([...labels].sort((a, b) => a.localeCompare(b, 'es'))).toEqual(labels);
		const mariategui = labels.filter((l) => l.startsWith('José Carlos Mariátegui'));
		expect(mariategui).toHaveLength(2);
		expect(new Set(mariategui).size).toBe(2);
	});

	it('stores a good message as new, with its coalition and locale', async () => {
		const r = await submit({ form: { ...form, coalition: callaoNorteSlug }, locale: 'en' });
		expect(r).toEqual({ status: 'sent' });
		const rows = await messages();
		expect(rows).toHaveLength(1);
		const coalition = await handle.db
			.selectFrom('coalition')
			.select('id')
			.where('slug', '=', callaoNorteSlug)
			.executeTakeFirstOrThrow();
		const network = await handle.db
			.selectFrom('network')
			.select('id')
			.where('slug', '=', 'peru')
			.executeTakeFirstOrThrow();
		expect(rows[0]).toMatchObject({
			network_id: network.id,
			coalition_id: coalition.id,
			name: 'Rosa Quispe',
			email: 'rosa@example.pe',
			topic: 'start_coalition',
			locale: 'en',
			status: 'new',
			email_sent_at: null,
			email_error: null
		});
	});

	it('returns a code per field, keeps the values and stores nothing for bad input', async () => {
		const bad = { name: 'R', email: 'rosa@', topic: 'spam', message: 'Hola', coalition: '' };
		const r = await submit({ form: bad });
		expect(r).toEqual({
			status: 'invalid',
			errors: {
				name: 'name_too_short',
				email: 'email_invalid',
				topic: 'topic_invalid',
				message: 'message_too_short'
			},
			values: bad
		});
		expect(await messages()).toHaveLength(0);
		expect(await handle.db.selectFrom('rate_event').selectAll().execute()).toHaveLength(0);
	});

	it('refuses a coalition that is not in the network', async () => {
		const r = await submit({ form: { ...form, coalition: 'no-such-coalition' } });
		expect(r).toMatchObject({
			status: 'invalid',
			errors: { coalition: 'coalition_unknown' },
			values: { coalition: 'no-such-coalition', name: ' Rosa Quispe ' }
		});
		expect(await messages()).toHaveLength(0);
	});

	it('tells a bot that filled the honeypot it succeeded, and stores nothing', async () => {
		const mailer = new FakeMailer();
		const r = await submit({ form: { ...form, website: 'https://spam.example' } }, mailer);
		expect(r).toEqual({ status: 'sent' });
		expect(await messages()).toHaveLength(0);
		expect(mailer.sent).toHaveLength(0);
	});

	it('refuses the sixth message from an address within an hour, not another address', async () => {
		const clientAddress = '203.0.113.9';
		for (let i = 0; i < 5; i++) {
			expect(await submit({ clientAddress })).toEqual({ status: 'sent' });
		}
		const sixth = await submit({ clientAddress, form: { ...form, name: 'Sexta vez' } });
		expect(sixth).toEqual({
			status: 'rate_limited',
			values: expect.objectContaining({ name: 'Sexta vez', message: form.message })
		});
		// The same visitor seen through an IPv6 socket is the same address.
		expect(await submit({ clientAddress: '::ffff:203.0.113.9' })).toMatchObject({
			status: 'rate_limited'
		});
		expect(await submit({ clientAddress: '203.0.113.10' })).toEqual({ status: 'sent' });
		expect(await messages()).toHaveLength(6);
	});

	it('forgets attempts older than an hour', async () => {
		const clientAddress = '203.0.113.20';
		const key = contactRateKey(clientAddress);
		const old = new Date(Date.now() - 61 * 60 * 1000).toISOString();
		await handle.db
			.insertInto('rate_event')
			.values(Array.from({ length: 5 }, (_, i) => ({ id: `old-${i}`, key, created_at: old })))
			.execute();
		expect(await submit({ clientAddress })).toEqual({ status: 'sent' });
		const left = await handle.db.selectFrom('rate_event').select('id').execute();
		expect(left.map((e) => e.id)).not.toContain('old-0');
	});

	it('stores only a hash of the address, never the address', async () => {
		const clientAddress = '192.0.2.77';
		await submit({ clientAddress });
		const events = await handle.db.selectFrom('rate_event').selectAll().execute();
		expect(events).toHaveLength(1);
		expect(events[0].key).toMatch(/^contact:[0-9a-f]{64}$/);
		expect(events[0].key).not.toContain(clientAddress);
		const everything = JSON.stringify([events, await messages()]);
		expect(everything).not.toContain(clientAddress);
	});

	it('mails the network, with the visitor as Reply-To, and records the time', async () => {
		const mailer = new FakeMailer();
		const r = await submit({ form: { ...form, coalition: callaoNorteSlug } }, mailer);
		expect(r).toEqual({ status: 'sent' });
		expect(mailer.sent).toHaveLength(1);
		const mail = mailer.sent[0];
		const network = await handle.db
			.selectFrom('network')
			.select('contact_email')
			.where('slug', '=', 'peru')
			.executeTakeFirstOrThrow();
		expect(network.contact_email).toBeTruthy();
		expect(mail.to).toBe(network.contact_email);
		expect(mail.replyTo).toBe('rosa@example.pe');
		expect(mail.subject).toContain('Rosa Quispe');
		expect(mail.subject).toContain('Quiero formar una coalición');
		expect(mail.text).toContain(form.message);
		expect(mail.text).toContain('Callao Norte');
		expect(mail.text).toContain('rosa@example.pe');
		const [row] = await messages();
		expect(row.email_sent_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(row.email_error).toBeNull();
	});

	it('keeps the message and records the error when the mail fails', async () => {
		const failing: Mailer = {
			send: async () => {
				throw new Error('connect ECONNREFUSED 127.0.0.1:25');
			}
		};
		expect(await submit({}, failing)).toEqual({ status: 'sent' });
		const [row] = await messages();
		expect(row).toMatchObject({
			status: 'new',
			email_sent_at: null,
			email_error: 'connect ECONNREFUSED 127.0.0.1:25'
		});
	});
});

describe('mailerFromEnv', () => {
	it('is off without SMTP_URL and on with one', () => {
		expect(mailerFromEnv({})).toBeNull();
		expect(mailerFromEnv({ SMTP_URL: '  ' })).toBeNull();
		expect(mailerFromEnv({ SMTP_URL: 'smtp://user:pass@127.0.0.1:2525' })).not.toBeNull();
	});
});
