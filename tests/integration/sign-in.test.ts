import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	requestPasswordReset,
	resetPassword,
	signIn,
	SIGN_IN_LIMITS,
	type AccountContext
} from '../../src/lib/server/accounts/service';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import type { MailMessage, Mailer } from '../../src/lib/server/mail';
import { loadOrCreateSecret } from '../../src/lib/server/secret';
import { dialects, migratedDb, type TestDb } from '../db';

const PASSWORD = 'una clave larga 2026';

describe('the generated secret', () => {
	it('is made once, kept readable by its owner only, and reused', () => {
		const dir = mkdtempSync(join(tmpdir(), 'minka-secret-'));
		const first = loadOrCreateSecret({ DATA_DIR: dir });
		expect(first.length).toBeGreaterThanOrEqual(40);
		const file = join(dir, 'secret.key');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(loadOrCreateSecret({ DATA_DIR: dir })).toBe(first);
		expect(readFileSync(file, 'utf8').trim()).toBe(first);
		expect(loadOrCreateSecret({ DATA_DIR: dir, BETTER_AUTH_SECRET: 'from-the-environment' })).toBe(
			'from-the-environment'
		);
	});
});

describe.each(dialects())('signing in on %s', (dialect) => {
	let handle: TestDb;
	let ctx: AccountContext;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		const auth = createAuth(handle.db, handle.kind, {
			secret: 'sign-in-test-secret-sign-in-test-secret',
			baseURL: 'http://localhost:3000'
		});
		await migrateAuth(auth);
		ctx = { db: handle.db, auth, secret: 'rate-key' };
		for (const email of ['ana@example.org', 'bea@example.org']) {
			await auth.api.signUpEmail({ body: { email, password: PASSWORD, name: email } });
		}
	});
	afterAll(async () => handle?.close());

	it('signs in with the right password and sets a session cookie', async () => {
		const result = await signIn(
			ctx,
			{ email: 'ANA@example.org ', password: PASSWORD },
			'198.51.100.1'
		);
		expect(result.status).toBe('ok');
		if (result.status === 'ok') {
			expect(result.headers.getSetCookie().join(';')).toMatch(/session_token=.*HttpOnly/i);
		}
	});

	it('says the same for a wrong password and an unknown address, and keeps the e-mail typed', async () => {
		const wrong = await signIn(
			ctx,
			{ email: 'ana@example.org', password: 'nope nope nope' },
			'198.51.100.2'
		);
		const unknown = await signIn(
			ctx,
			{ email: 'nobody@example.org', password: PASSWORD },
			'198.51.100.2'
		);
		expect(wrong).toEqual({ status: 'wrong_credentials', values: { email: 'ana@example.org' } });
		expect(unknown).toEqual({
			status: 'wrong_credentials',
			values: { email: 'nobody@example.org' }
		});
		expect(
			await signIn(ctx, { email: 'not-an-email', password: '' }, '198.51.100.2')
		).toMatchObject({
			status: 'invalid',
			errors: { email: 'email_invalid', password: 'required' }
		});
	});

	it('stops guessing on one account, even with the right password, without locking out others', async () => {
		for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
			await signIn(
				ctx,
				{ email: 'bea@example.org', password: `wrong ${i} wrong` },
				`198.51.100.${10 + i}`
			);
		}
		const blocked = await signIn(
			ctx,
			{ email: 'bea@example.org', password: PASSWORD },
			'198.51.100.99'
		);
		expect(blocked.status).toBe('rate_limited');
		const other = await signIn(
			ctx,
			{ email: 'ana@example.org', password: PASSWORD },
			'198.51.100.99'
		);
		expect(other.status).toBe('ok');
		// Only keyed hashes of the e-mail and the address are kept for the limit.
		const keys = (await handle.db.selectFrom('rate_event').select('key').execute()).map(
			(r) => r.key
		);
		expect(keys.length).toBeGreaterThan(0);
		expect(keys.join(' ')).not.toMatch(/bea@|198\.51/);
		// The window passes: the account works again.
		const later = new Date(Date.now() + SIGN_IN_LIMITS.windowMs + 60_000);
		expect(
			(await signIn(ctx, { email: 'bea@example.org', password: PASSWORD }, '198.51.100.99', later))
				.status
		).toBe('ok');
	});

	it('e-mails a reset link to a known address only, and the link works once', async () => {
		const sent: MailMessage[] = [];
		const mailer: Mailer = { send: async (msg) => void sent.push(msg) };
		await requestPasswordReset(ctx, 'nobody@example.org', {
			baseUrl: 'http://localhost:3000',
			mailer
		});
		expect(sent).toEqual([]);
		await requestPasswordReset(ctx, ' Ana@Example.org', {
			baseUrl: 'http://localhost:3000',
			mailer
		});
		expect(sent).toHaveLength(1);
		expect(sent[0].to).toBe('ana@example.org');
		const token = sent[0].text.match(/\/reset\/([A-Za-z0-9_-]+)/)![1];
		const form = { password: 'otra clave larga 2026', passwordConfirm: 'otra clave larga 2026' };
		expect(await resetPassword(ctx, token, form)).toEqual({ status: 'ok' });
		expect(await resetPassword(ctx, token, form)).toEqual({ status: 'gone' });
		expect(
			(await signIn(ctx, { email: 'ana@example.org', password: PASSWORD }, '198.51.100.50')).status
		).toBe('wrong_credentials');
		expect(
			(
				await signIn(
					ctx,
					{ email: 'ana@example.org', password: 'otra clave larga 2026' },
					'198.51.100.51'
				)
			).status
		).toBe('ok');
	});
});
