import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/access';
import {
	acceptInvite,
	addGrant,
	createAdminInvite,
	INVITE_TTL_MS,
	inviteUser,
	issueResetLink,
	listUsers,
	loadActor,
	removeGrant,
	resetPassword,
	setUserActive,
	signIn,
	type AccountContext
} from '../../src/lib/server/accounts/service';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import { NotFoundError } from '../../src/lib/server/errors';
import type { MailMessage, Mailer } from '../../src/lib/server/mail';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { dialects, migratedDb, type TestDb } from '../db';

const BASE_URL = 'http://localhost:3000';
const DAY_MS = 24 * 60 * 60 * 1000;

class FakeMailer implements Mailer {
	sent: MailMessage[] = [];
	async send(msg: MailMessage) {
		this.sent.push(msg);
	}
}

const tokenOf = (path: string) => path.split('/').pop()!;
const newAccount = (name: string, password: string) => ({
	name,
	password,
	passwordConfirm: password
});

describe.each(dialects())('user administration on %s', (dialect) => {
	let handle: TestDb;
	let ctx: AccountContext;
	let networkId: string;
	let coalitionId: string;
	let admin: Actor;
	let address = 0;
	// Each sign-in comes from its own address so the per-address limit never interferes.
	const nextAddress = () => `203.0.113.${++address}`;
	const signInAs = (email: string, password: string) =>
		signIn(ctx, { email, password }, nextAddress());

	/** An invitation accepted: the new person's actor. */
	async function invited(email: string, role: Record<string, string>, password: string) {
		const r = await inviteUser(ctx, admin, networkId, { email, ...role }, { baseUrl: BASE_URL });
		if (r.status !== 'invited') throw new Error(`expected an invitation, got ${r.status}`);
		const accepted = await acceptInvite(ctx, tokenOf(r.link.path), newAccount(email, password));
		expect(accepted.status).toBe('ok');
		const user = await handle.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		return (await loadActor(handle.db, user.id))!;
	}

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const auth = createAuth(handle.db, handle.kind, {
			secret: 'users-admin-test-secret-0123456789abcdef',
			baseURL: BASE_URL
		});
		await migrateAuth(auth);
		ctx = { db: handle.db, auth, secret: 'users-admin-test-secret-0123456789abcdef' };
		networkId = (
			await handle.db
				.selectFrom('network')
				.select('id')
				.where('slug', '=', 'peru')
				.executeTakeFirstOrThrow()
		).id;
		coalitionId = (
			await handle.db
				.selectFrom('coalition')
				.select('id')
				.where('network_id', '=', networkId)
				.orderBy('name')
				.executeTakeFirstOrThrow()
		).id;

		const first = await createAdminInvite(handle.db, 'Admin@Example.pe');
		expect(first.existing).toBe(false);
		const r = await acceptInvite(
			ctx,
			tokenOf(first.path),
			newAccount('Ana Administradora', 'clave-de-ana-123')
		);
		expect(r.status).toBe('ok');
		const user = await handle.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'admin@example.pe')
			.executeTakeFirstOrThrow();
		admin = (await loadActor(handle.db, user.id))!;
		expect(admin.grants).toEqual([
			{ role: 'network_admin', networkId, organizationId: null, coalitionId: null }
		]);
	});
	afterAll(async () => handle?.close());

	it('invites with a link that works once, and refuses bad or expired invitations', async () => {
		const r = await inviteUser(
			ctx,
			admin,
			networkId,
			{ email: 'coord@example.pe', role: 'coordinator', coalitionId },
			{ baseUrl: BASE_URL, mailer: null }
		);
		expect(r.status).toBe('invited');
		if (r.status !== 'invited') return;
		expect(r.link.emailed).toBe(false);
		expect(r.link.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);
		const pending = (await listUsers(handle.db, admin, networkId)).pendingInvites;
		expect(pending.map((p) => p.email)).toContain('coord@example.pe');

		const token = tokenOf(r.link.path);
		const form = newAccount('Carlos Coordinador', 'clave-de-carlos-1');
		expect((await acceptInvite(ctx, token, form)).status).toBe('ok');
		expect(await acceptInvite(ctx, token, form)).toEqual({ status: 'gone' });
		const users = (await listUsers(handle.db, admin, networkId)).users;
		const carlos = users.find((u) => u.email === 'coord@example.pe')!;
		expect(carlos.grants).toMatchObject([{ role: 'coordinator' }]);
		expect(carlos.grants[0].coalition).toBeTruthy();
		expect((await listUsers(handle.db, admin, networkId)).pendingInvites).toHaveLength(0);

		// A week and a moment later the link is dead.
		const late = await inviteUser(
			ctx,
			admin,
			networkId,
			{ email: 'tarde@example.pe', role: 'viewer' },
			{ baseUrl: BASE_URL }
		);
		if (late.status !== 'invited') throw new Error(late.status);
		const later = new Date(Date.now() + INVITE_TTL_MS + 60_000);
		expect(
			await acceptInvite(ctx, tokenOf(late.link.path), newAccount('Tarde', 'clave-tardia-1'), later)
		).toEqual({ status: 'gone' });
		expect(await acceptInvite(ctx, 'not-a-real-token-at-all-xyz', form)).toEqual({
			status: 'gone'
		});

		expect(
			await inviteUser(ctx, admin, networkId, { email: 'x@example.pe', role: 'coordinator' })
		).toMatchObject({ status: 'invalid', errors: { coalitionId: 'required' } });
		expect(await inviteUser(ctx, admin, networkId, { email: 'nope', role: 'boss' })).toMatchObject({
			status: 'invalid',
			errors: { email: 'email_invalid', role: 'invalid' }
		});
		expect(
			await inviteUser(ctx, admin, networkId, {
				email: 'x@example.pe',
				role: 'coordinator',
				coalitionId: 'no-such-coalition'
			})
		).toMatchObject({ status: 'invalid', errors: { coalitionId: 'not_found' } });
	});

	it('e-mails the link when it can, and just grants the role to an existing account', async () => {
		const mailer = new FakeMailer();
		const r = await inviteUser(
			ctx,
			admin,
			networkId,
			{ email: 'correo@example.pe', role: 'viewer' },
			{ baseUrl: BASE_URL, mailer }
		);
		expect(r).toMatchObject({ status: 'invited', link: { emailed: true } });
		expect(mailer.sent).toHaveLength(1);
		if (r.status === 'invited') expect(mailer.sent[0].text).toContain(BASE_URL + r.link.path);

		const again = await inviteUser(
			ctx,
			admin,
			networkId,
			{ email: 'ADMIN@example.pe', role: 'viewer' },
			{ baseUrl: BASE_URL, mailer }
		);
		expect(again).toEqual({ status: 'granted', email: 'admin@example.pe' });
		const me = (await listUsers(handle.db, admin, networkId)).users.find(
			(u) => u.id === admin.userId
		)!;
		expect(me.grants.map((g) => g.role).sort()).toEqual(['network_admin', 'viewer']);
		await removeGrant(handle.db, admin, networkId, me.grants.find((g) => g.role === 'viewer')!.id);
	});

	it('adds and removes roles, but never the last administrator', async () => {
		const pia = await invited('pia@example.pe', { role: 'viewer' }, 'clave-de-pia-123');
		expect(
			await addGrant(handle.db, admin, networkId, pia.userId, { role: 'coordinator' })
		).toMatchObject({ status: 'invalid', errors: { coalitionId: 'required' } });
		expect(
			await addGrant(handle.db, admin, networkId, pia.userId, { role: 'coordinator', coalitionId })
		).toEqual({ status: 'ok' });
		const piaGrants = () =>
			listUsers(handle.db, admin, networkId).then(
				(l) => l.users.find((u) => u.id === pia.userId)!.grants
			);
		expect((await piaGrants()).map((g) => g.role)).toEqual(['viewer', 'coordinator']);

		const adminGrant = (await listUsers(handle.db, admin, networkId)).users
			.find((u) => u.id === admin.userId)!
			.grants.find((g) => g.role === 'network_admin')!;
		expect(await removeGrant(handle.db, admin, networkId, adminGrant.id)).toEqual({
			status: 'last_admin'
		});

		// With a second administrator, the first one's role may go.
		await addGrant(handle.db, admin, networkId, pia.userId, { role: 'network_admin' });
		const piaAdmin = (await piaGrants()).find((g) => g.role === 'network_admin')!;
		const audited = await handle.db
			.selectFrom('audit_event')
			.select(['action', 'after_json'])
			.where('entity_id', '=', pia.userId)
			.where('action', '=', 'grant_role')
			.execute();
		expect(audited).toHaveLength(2);
		expect(await removeGrant(handle.db, admin, networkId, piaAdmin.id)).toEqual({ status: 'ok' });
		expect((await piaGrants()).map((g) => g.role)).toEqual(['viewer', 'coordinator']);
		await expect(removeGrant(handle.db, admin, networkId, piaAdmin.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('deactivates an account so it cannot sign in, and reactivates it', async () => {
		const dora = await invited('dora@example.pe', { role: 'viewer' }, 'clave-de-dora-12');
		expect((await signInAs('dora@example.pe', 'clave-de-dora-12')).status).toBe('ok');

		expect(await setUserActive(ctx, admin, networkId, dora.userId, false)).toEqual({
			status: 'ok'
		});
		expect((await signInAs('dora@example.pe', 'clave-de-dora-12')).status).toBe('deactivated');
		expect(await loadActor(handle.db, dora.userId)).toBeNull();
		const listed = (await listUsers(handle.db, admin, networkId)).users;
		expect(listed.find((u) => u.id === dora.userId)!.deactivated).toBe(true);

		expect(await setUserActive(ctx, admin, networkId, dora.userId, true)).toEqual({ status: 'ok' });
		expect((await signInAs('dora@example.pe', 'clave-de-dora-12')).status).toBe('ok');

		expect(await setUserActive(ctx, admin, networkId, admin.userId, false)).toEqual({
			status: 'self'
		});
	});

	it('issues a reset link that replaces the password, once', async () => {
		const rita = await invited('rita@example.pe', { role: 'viewer' }, 'clave-vieja-1234');
		const link = await issueResetLink(ctx, admin, networkId, rita.userId, { baseUrl: BASE_URL });
		expect(link).toMatchObject({ emailed: false, email: 'rita@example.pe' });
		expect(link.path).toMatch(/^\/reset\//);

		const token = tokenOf(link.path);
		expect(
			await resetPassword(ctx, token, { password: 'corta', passwordConfirm: 'corta' })
		).toMatchObject({ status: 'invalid', errors: { password: 'password_too_short' } });
		const fresh = { password: 'clave-nueva-5678', passwordConfirm: 'clave-nueva-5678' };
		expect(await resetPassword(ctx, token, fresh)).toEqual({ status: 'ok' });
		expect(await resetPassword(ctx, token, fresh)).toEqual({ status: 'gone' });

		expect((await signInAs('rita@example.pe', 'clave-vieja-1234')).status).toBe(
			'wrong_credentials'
		);
		expect((await signInAs('rita@example.pe', 'clave-nueva-5678')).status).toBe('ok');

		const expired = await issueResetLink(ctx, admin, networkId, rita.userId, {
			baseUrl: BASE_URL,
			now: new Date(Date.now() - 2 * DAY_MS)
		});
		expect(await resetPassword(ctx, tokenOf(expired.path), fresh)).toEqual({ status: 'gone' });
	});

	it('answers "not found" to anyone but an administrator', async () => {
		const carla = await invited(
			'carla@example.pe',
			{ role: 'coordinator', coalitionId },
			'clave-de-carla-1'
		);
		const anyGrant = (await listUsers(handle.db, admin, networkId)).users[0].grants[0].id;
		for (const actor of [carla, null]) {
			await expect(
				inviteUser(ctx, actor, networkId, { email: 'y@example.pe', role: 'viewer' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(listUsers(handle.db, actor, networkId)).rejects.toBeInstanceOf(NotFoundError);
			await expect(
				addGrant(handle.db, actor, networkId, carla.userId, { role: 'network_admin' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(removeGrant(handle.db, actor, networkId, anyGrant)).rejects.toBeInstanceOf(
				NotFoundError
			);
			await expect(
				setUserActive(ctx, actor, networkId, admin.userId, false)
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(
				issueResetLink(ctx, actor, networkId, admin.userId, { baseUrl: BASE_URL })
			).rejects.toBeInstanceOf(NotFoundError);
		}
		// Administrators only act on people of their own network.
		await expect(
			issueResetLink(ctx, admin, networkId, 'no-such-user', { baseUrl: BASE_URL })
		).rejects.toBeInstanceOf(NotFoundError);
		expect((await loadActor(handle.db, carla.userId))!.grants).toHaveLength(1);
	});
});
