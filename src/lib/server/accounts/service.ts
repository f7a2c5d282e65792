import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isNetworkAdmin, type Actor, type Role } from '$lib/domain/access';
import { parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	ACCEPT_INVITE_FIELDS,
	acceptInviteSchema,
	GRANT_FIELDS,
	grantSchema,
	INVITE_FIELDS,
	inviteSchema,
	NEW_PASSWORD_FIELDS,
	newPasswordSchema,
	SIGN_IN_FIELDS,
	signInSchema
} from '$lib/domain/schemas/accounts';
import type { Auth } from '../auth/create';
import type { Db } from '../db';
import { NetworkNotFoundError, NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Mailer } from '../mail';
import { findDefaultNetwork, findNetworkBySlug } from '../networks/queries';
import {
	countRateEventsSince,
	deleteRateEventsBefore,
	insertRateEvent
} from '../rate-limit/queries';
import { recordAudit } from '../audit/service';
import {
	consumeAccessToken,
	countUsers,
	deleteGrant,
	findAccessToken,
	findUserByEmail,
	findUserById,
	insertAccessToken,
	insertGrant,
	isDeactivated,
	listGrantsOfUser,
	listNetworkUsers,
	listPendingInvites,
	setDeactivated
} from './queries';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;
/** Failed sign-ins allowed per account, and per address, in the window. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

export interface AccountContext {
	db: Db;
	auth: Auth;
	/** keys the hashes of e-mails and addresses kept for rate limits */
	secret: string;
}

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The actor for a signed-in user: their role grants, or null when deactivated. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
	const user = await findUserById(db, userId);
	if (!user || (await isDeactivated(db, userId))) return null;
	const grants = await listGrantsOfUser(db, userId);
	return {
		userId: user.id,
		name: user.name,
		email: user.email,
		grants: grants.map(({ role, networkId, organizationId, coalitionId }) => ({
			role,
			networkId,
			organizationId,
			coalitionId
		}))
	};
}

// ---------------------------------------------------------------- sign-in

export type SignInResult =
	| { status: 'ok'; headers: Headers }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
	| { status: 'wrong_credentials'; values: Record<string, string> }
	| { status: 'rate_limited'; values: Record<string, string> }
	| { status: 'deactivated'; values: Record<string, string> };

function rateKey(secret: string, kind: string, subject: string): string {
	return `${kind}:${createHmac('sha256', secret).update(subject).digest('hex')}`;
}

/**
 * Checks the password through better-auth and returns the Set-Cookie headers of the new session.
 * Failed attempts count against the account and the address; the password is never kept.
 */
export async function signIn(
	ctx: AccountContext,
	form: Record<string, string>,
	clientAddress: string,
	now = new Date()
): Promise<SignInResult> {
	const parsed = parseForm(signInSchema, form, SIGN_IN_FIELDS);
	const values = { email: typeof form.email === 'string' ? form.email : '' };
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values };
	const { email, password } = parsed.value;
	const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
	const accountKey = rateKey(ctx.secret, 'signin-account', email);
	const addressKey = rateKey(ctx.secret, 'signin-address', clientAddress);
	await deleteRateEventsBefore(ctx.db, 'signin-', windowStart);
	if (
		(await countRateEventsSince(ctx.db, accountKey, windowStart)) >= SIGN_IN_LIMITS.perAccount ||
		(await countRateEventsSince(ctx.db, addressKey, windowStart)) >= SIGN_IN_LIMITS.perAddress
	) {
		return { status: 'rate_limited', values };
	}
	const response = await ctx.auth.api.signInEmail({
		body: { email, password },
		asResponse: true
	});
	if (!response.ok) {
		const at = now.toISOString();
		await insertRateEvent(ctx.db, { id: newId(), key: accountKey, created_at: at });
		await insertRateEvent(ctx.db, { id: newId(), key: addressKey, created_at: at });
		return { status: 'wrong_credentials', values };
	}
	const user = await findUserByEmail(ctx.db, email);
	if (user && (await isDeactivated(ctx.db, user.id))) {
		await ctx.auth.api.signOut({ headers: cookieHeaders(response.headers) });
		return { status: 'deactivated', values };
	}
	return { status: 'ok', headers: response.headers };
}

/** A request's Cookie header built from a response's Set-Cookie headers. */
export function cookieHeaders(setCookieSource: Headers): Headers {
	const cookies = setCookieSource
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return new Headers({ cookie: cookies });
}

// ---------------------------------------------------------------- invitations

export interface IssuedLink {
	path: string;
	token: string;
	emailed: boolean;
}

async function resolveNetworkId(db: Db, slug?: string): Promise<string> {
	const network = slug ? await findNetworkBySlug(db, slug) : await findDefaultNetwork(db);
	if (!network) throw new NetworkNotFoundError(slug ?? '(default)');
	return network.id;
}

async function checkScope(
	db: Db,
	networkId: string,
	input: { organizationId: string | null; coalitionId: string | null; role: Role }
): Promise<FieldErrors | null> {
	if (input.role === 'coordinator' && input.coalitionId) {
		const c = await db
			.selectFrom('coalition')
			.select('id')
			.where('id', '=', input.coalitionId)
			.where('network_id', '=', networkId)
			.executeTakeFirst();
		if (!c) return { coalitionId: 'not_found' };
	}
	if (input.role === 'partner_staff' && input.organizationId) {
		const o = await db
			.selectFrom('partner_role')
			.select('id')
			.where('organization_id', '=', input.organizationId)
			.where('network_id', '=', networkId)
			.executeTakeFirst();
		if (!o) return { organizationId: 'not_found' };
	}
	return null;
}

export type InviteResult =
	| { status: 'invited'; link: IssuedLink; email: string }
	| { status: 'granted'; email: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/**
 * An administrator invites someone with a role. A person who already has an account simply gets
 * the role; anyone else gets a link that works once and expires after a week, e-mailed when SMTP
 * is configured and shown to the administrator otherwise.
 */
export async function inviteUser(
	ctx: AccountContext,
	actor: Actor | null,
	networkId: string,
	form: Record<string, string>,
	options: { baseUrl: string; mailer?: Mailer | null; now?: Date } = { baseUrl: '' }
): Promise<InviteResult> {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(inviteSchema, form, INVITE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = { ...form } as Record<string, string>;
	const input = {
		...parsed.value,
		organizationId: parsed.value.role === 'partner_staff' ? parsed.value.organizationId : null,
		coalitionId: parsed.value.role === 'coordinator' ? parsed.value.coalitionId : null
	};
	const scopeErrors = await checkScope(ctx.db, networkId, input);
	if (scopeErrors) {
		return { status: 'invalid', errors: scopeErrors, values };
	}
	const now = options.now ?? new Date();
	const existing = await findUserByEmail(ctx.db, input.email);
	if (existing) {
		await addGrantRow(ctx.db, actor!, networkId, existing.id, input, now);
		return { status: 'granted', email: input.email };
	}
	const link = await issueToken(ctx.db, {
		kind: 'invite',
		email: input.email,
		userId: null,
		networkId,
		role: input.role,
		organizationId: input.organizationId,
		coalitionId: input.coalitionId,
		createdBy: actor!.userId,
		now,
		ttlMs: INVITE_TTL_MS
	});
	await recordAudit(ctx.db, actor, {
		networkId,
		entityType: 'invitation',
		entityId: link.id,
		entityLabel: input.email,
		action: 'create',
		after: {
			email: input.email,
			role: input.role,
			organizationId: input.organizationId,
			coalitionId: input.coalitionId
		}
	});
	const emailed = await mailLink(
		options.mailer,
		input.email,
		'invite',
		options.baseUrl + link.path
	);
	return { status: 'invited', email: input.email, link: { ...link, emailed } };
}

async function mailLink(
	mailer: Mailer | null | undefined,
	to: string,
	kind: 'invite' | 'reset',
	url: string
): Promise<boolean> {
	if (!mailer) return false;
	try {
		await mailer.send({
			to,
			subject:
				kind === 'invite'
					? 'Invitación a Minka / Invitation to Minka'
					: 'Minka: nueva contraseña / new password',
			text:
				kind === 'invite'
					? `Le invitaron a trabajar en Minka. Abra este enlace para crear su cuenta (vale por 7 días y una sola vez):\n\nYou have been invited to Minka. Open this link to create your account (valid once, for 7 days):\n\n${url}\n`
					: `Para elegir una nueva contraseña abra este enlace (vale por 24 horas y una sola vez):\n\nTo choose a new password open this link (valid once, for 24 hours):\n\n${url}\n`
		});
		return true;
	} catch {
		return false;
	}
}

async function issueToken(
	db: Db,
	t: {
		kind: 'invite' | 'reset';
		email: string;
		userId: string | null;
		networkId: string | null;
		role: Role | null;
		organizationId: string | null;
		coalitionId: string | null;
		createdBy: string | null;
		now: Date;
		ttlMs: number;
	}
): Promise<{ id: string; token: string; path: string }> {
	const token = newToken();
	const id = newId();
	await insertAccessToken(db, {
		id,
		kind: t.kind,
		token_hash: hashToken(token),
		email: t.email,
		user_id: t.userId,
		network_id: t.networkId,
		role: t.role,
		organization_id: t.organizationId,
		coalition_id: t.coalitionId,
		expires_at: new Date(t.now.getTime() + t.ttlMs).toISOString(),
		created_by: t.createdBy,
		created_at: t.now.toISOString()
	});
	return { id, token, path: `/${t.kind === 'invite' ? 'invite' : 'reset'}/${token}` };
}

/** The first administrator, from the command line: an invitation link, never a password. */
export async function createAdminInvite(
	db: Db,
	email: string,
	networkSlug?: string,
	now = new Date()
): Promise<{ path: string; existing: boolean }> {
	const parsed = inviteSchema.safeParse({ email, role: 'network_admin' });
	if (!parsed.success) throw new Error(`Not a valid e-mail address: ${email}`);
	const networkId = await resolveNetworkId(db, networkSlug);
	const existing = await findUserByEmail(db, parsed.data.email);
	if (existing) {
		const grants = await listGrantsOfUser(db, existing.id);
		if (!grants.some((g) => g.role === 'network_admin' && g.networkId === networkId)) {
			await insertGrant(db, {
				id: newId(),
				user_id: existing.id,
				network_id: networkId,
				role: 'network_admin',
				organization_id: null,
				coalition_id: null,
				created_by: null,
				created_at: now.toISOString()
			});
		}
		return { path: '/login', existing: true };
	}
	const link = await issueToken(db, {
		kind: 'invite',
		email: parsed.data.email,
		userId: null,
		networkId,
		role: 'network_admin',
		organizationId: null,
		coalitionId: null,
		createdBy: null,
		now,
		ttlMs: INVITE_TTL_MS
	});
	return { path: link.path, existing: false };
}

async function liveToken(db: Db, token: string, kind: 'invite' | 'reset', now: Date) {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
	const row = await findAccessToken(db, hashToken(token));
	if (!row || row.kind !== kind || row.used_at || row.expires_at <= now.toISOString()) return null;
	return row;
}

export async function previewInvite(db: Db, token: string, now = new Date()) {
	const row = await liveToken(db, token, 'invite', now);
	if (!row) return null;
	const network = row.network_id
		? await db
				.selectFrom('network')
				.select(['name_es', 'name_en'])
				.where('id', '=', row.network_id)
				.executeTakeFirst()
		: undefined;
	const coalition = row.coalition_id
		? await db
				.selectFrom('coalition')
				.select('name')
				.where('id', '=', row.coalition_id)
				.executeTakeFirst()
		: undefined;
	const organization = row.organization_id
		? await db
				.selectFrom('organization')
				.select(['name', 'short_name'])
				.where('id', '=', row.organization_id)
				.executeTakeFirst()
		: undefined;
	return {
		email: row.email,
		role: row.role as Role,
		networkName: network?.name_es ?? '',
		networkNameEn: network?.name_en ?? network?.name_es ?? '',
		coalitionName: coalition?.name ?? null,
		organizationName: organization?.short_name ?? organization?.name ?? null,
		expiresAt: row.expires_at
	};
}

export type AcceptInviteResult =
	| { status: 'ok'; headers: Headers }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
	| { status: 'gone' };

/** Creates the account, grants the invited role, uses up the link, and signs the person in. */
export async function acceptInvite(
	ctx: AccountContext,
	token: string,
	form: Record<string, string>,
	now = new Date()
): Promise<AcceptInviteResult> {
	const row = await liveToken(ctx.db, token, 'invite', now);
	if (!row) return { status: 'gone' };
	const parsed = parseForm(acceptInviteSchema, form, ACCEPT_INVITE_FIELDS);
	if (!parsed.ok) {
		return { status: 'invalid', errors: parsed.errors, values: { name: parsed.values.name } };
	}
	if (!(await consumeAccessToken(ctx.db, row.id, now.toISOString()))) return { status: 'gone' };
	if (await findUserByEmail(ctx.db, row.email)) return { status: 'gone' };
	const response = await ctx.auth.api.signUpEmail({
		body: { email: row.email, password: parsed.value.password, name: parsed.value.name },
		asResponse: true
	});
	if (!response.ok) return { status: 'gone' };
	const user = await findUserByEmail(ctx.db, row.email);
	if (user && row.network_id && row.role) {
		await insertGrant(ctx.db, {
			id: newId(),
			user_id: user.id,
			network_id: row.network_id,
			role: row.role as Role,
			organization_id: row.organization_id,
			coalition_id: row.coalition_id,
			created_by: row.created_by,
			created_at: now.toISOString()
		});
		await recordAudit(
			ctx.db,
			{ userId: user.id, name: user.name, email: user.email, grants: [] },
			{
				networkId: row.network_id,
				entityType: 'user',
				entityId: user.id,
				entityLabel: user.email,
				action: 'accept_invitation',
				after: {
					role: row.role,
					organizationId: row.organization_id,
					coalitionId: row.coalition_id
				}
			}
		);
	}
	return { status: 'ok', headers: response.headers };
}

// ---------------------------------------------------------------- password reset

/** An administrator issues a reset link for someone in their network. */
export async function issueResetLink(
	ctx: AccountContext,
	actor: Actor | null,
	networkId: string,
	userId: string,
	options: { baseUrl: string; mailer?: Mailer | null; now?: Date }
): Promise<IssuedLink & { email: string }> {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('user');
	const user = await findUserById(ctx.db, userId);
	const grants = user ? await listGrantsOfUser(ctx.db, user.id) : [];
	if (!user || !grants.some((g) => g.networkId === networkId)) throw new NotFoundError('user');
	const link = await issueToken(ctx.db, {
		kind: 'reset',
		email: user.email,
		userId: user.id,
		networkId,
		role: null,
		organizationId: null,
		coalitionId: null,
		createdBy: actor!.userId,
		now: options.now ?? new Date(),
		ttlMs: RESET_TTL_MS
	});
	await recordAudit(ctx.db, actor, {
		networkId,
		entityType: 'user',
		entityId: user.id,
		entityLabel: user.email,
		action: 'issue_reset_link'
	});
	const emailed = await mailLink(options.mailer, user.email, 'reset', options.baseUrl + link.path);
	return { ...link, emailed, email: user.email };
}

/**
 * Self-service, only when e-mail works: the answer is the same whether or not the address has an
 * account, so the form tells nobody who is registered.
 */
export async function requestPasswordReset(
	ctx: AccountContext,
	email: string,
	options: { baseUrl: string; mailer: Mailer; now?: Date }
): Promise<void> {
	const user = await findUserByEmail(ctx.db, email.trim().toLowerCase());
	if (!user || (await isDeactivated(ctx.db, user.id))) return;
	const link = await issueToken(ctx.db, {
		kind: 'reset',
		email: user.email,
		userId: user.id,
		networkId: null,
		role: null,
		organizationId: null,
		coalitionId: null,
		createdBy: null,
		now: options.now ?? new Date(),
		ttlMs: RESET_TTL_MS
	});
	await mailLink(options.mailer, user.email, 'reset', options.baseUrl + link.path);
}

export async function resetLinkIsLive(db: Db, token: string, now = new Date()): Promise<boolean> {
	return (await liveToken(db, token, 'reset', now)) !== null;
}

export type ResetPasswordResult =
	{ status: 'ok' } | { status: 'invalid'; errors: FieldErrors } | { status: 'gone' };

/** Sets the new password and ends every open session of that person. */
export async function resetPassword(
	ctx: AccountContext,
	token: string,
	form: Record<string, string>,
	now = new Date()
): Promise<ResetPasswordResult> {
	const row = await liveToken(ctx.db, token, 'reset', now);
	if (!row || !row.user_id) return { status: 'gone' };
	const parsed = parseForm(newPasswordSchema, form, NEW_PASSWORD_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
	if (!(await consumeAccessToken(ctx.db, row.id, now.toISOString()))) return { status: 'gone' };
	const auth = await ctx.auth.$context;
	await auth.internalAdapter.updatePassword(
		row.user_id,
		await auth.password.hash(parsed.value.password)
	);
	await auth.internalAdapter.deleteUserSessions(row.user_id);
	return { status: 'ok' };
}

// ---------------------------------------------------------------- administration

export async function listUsers(db: Db, actor: Actor | null, networkId: string, now = new Date()) {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	const rows = await listNetworkUsers(db, networkId);
	const users = new Map<
		string,
		{
			id: string;
			name: string;
			email: string;
			deactivated: boolean;
			grants: { id: string; role: Role; organization: string | null; coalition: string | null }[];
		}
	>();
	for (const r of rows) {
		const user = users.get(r.user_id) ?? {
			id: r.user_id,
			name: r.name,
			email: r.email,
			deactivated: Boolean(r.deactivated_at),
			grants: []
		};
		user.grants.push({
			id: r.grant_id,
			role: r.role as Role,
			organization: r.organization_name ?? r.organization_full_name,
			coalition: r.coalition_name
		});
		users.set(r.user_id, user);
	}
	return {
		users: [...users.values()],
		pendingInvites: await listPendingInvites(db, networkId, now.toISOString())
	};
}

async function requireUserInNetwork(db: Db, networkId: string, userId: string) {
	const user = await findUserById(db, userId);
	const grants = user ? await listGrantsOfUser(db, user.id) : [];
	if (!user || !grants.some((g) => g.networkId === networkId)) throw new NotFoundError('user');
	return user;
}

async function addGrantRow(
	db: Db,
	actor: Actor,
	networkId: string,
	userId: string,
	input: { role: Role; organizationId: string | null; coalitionId: string | null },
	now: Date
) {
	const grants = await listGrantsOfUser(db, userId);
	const duplicate = grants.some(
		(g) =>
			g.networkId === networkId &&
			g.role === input.role &&
			g.organizationId === input.organizationId &&
			g.coalitionId === input.coalitionId
	);
	if (duplicate) return;
	await db.transaction().execute(async (trx) => {
		await insertGrant(trx, {
			id: newId(),
			user_id: userId,
			network_id: networkId,
			role: input.role,
			organization_id: input.organizationId,
			coalition_id: input.coalitionId,
			created_by: actor.userId,
			created_at: now.toISOString()
		});
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'user',
			entityId: userId,
			action: 'grant_role',
			after: input
		});
	});
}

export async function addGrant(
	db: Db,
	actor: Actor | null,
	networkId: string,
	userId: string,
	form: Record<string, string>
): Promise<
	{ status: 'ok' } | { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
> {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('user');
	await requireUserInNetwork(db, networkId, userId);
	const parsed = parseForm(grantSchema, form, GRANT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const input = {
		role: parsed.value.role,
		organizationId: parsed.value.role === 'partner_staff' ? parsed.value.organizationId : null,
		coalitionId: parsed.value.role === 'coordinator' ? parsed.value.coalitionId : null
	};
	const scopeErrors = await checkScope(db, networkId, input);
	if (scopeErrors) return { status: 'invalid', errors: scopeErrors, values: { ...form } };
	await addGrantRow(db, actor!, networkId, userId, input, new Date());
	return { status: 'ok' };
}

export async function removeGrant(db: Db, actor: Actor | null, networkId: string, grantId: string) {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('grant');
	const grant = await db
		.selectFrom('role_grant')
		.selectAll()
		.where('id', '=', grantId)
		.where('network_id', '=', networkId)
		.executeTakeFirst();
	if (!grant) throw new NotFoundError('grant');
	// The last administrator cannot remove their own administration: the network would be orphaned.
	if (grant.role === 'network_admin') {
		// Only administrators who can still sign in keep the network administered.
		const admins = await db
			.selectFrom('role_grant')
			.leftJoin('user_state', 'user_state.user_id', 'role_grant.user_id')
			.select('role_grant.id')
			.where('role_grant.network_id', '=', networkId)
			.where('role_grant.role', '=', 'network_admin')
			.where('user_state.deactivated_at', 'is', null)
			.execute();
		if (admins.length <= 1) return { status: 'last_admin' as const };
	}
	await deleteGrant(db, grantId, networkId);
	await recordAudit(db, actor, {
		networkId,
		entityType: 'user',
		entityId: grant.user_id,
		action: 'revoke_role',
		before: {
			role: grant.role,
			organizationId: grant.organization_id,
			coalitionId: grant.coalition_id
		}
	});
	return { status: 'ok' as const };
}

export async function setUserActive(
	ctx: AccountContext,
	actor: Actor | null,
	networkId: string,
	userId: string,
	active: boolean
) {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('user');
	if (actor!.userId === userId && !active) return { status: 'self' as const };
	const user = await requireUserInNetwork(ctx.db, networkId, userId);
	const now = nowIso();
	await ctx.db.transaction().execute(async (trx) => {
		await setDeactivated(trx, userId, active ? null : now, active ? null : actor!.userId, now);
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'user',
			entityId: userId,
			entityLabel: user.email,
			action: active ? 'reactivate' : 'deactivate'
		});
	});
	// better-auth writes through its own adapter, so its sessions are ended after our commit; a
	// deactivated person's remaining session is refused by the hooks anyway.
	if (!active) {
		const auth = await ctx.auth.$context;
		await auth.internalAdapter.deleteUserSessions(userId);
	}
	return { status: 'ok' as const };
}

/** Whether anyone can sign in yet: with no users, the README points at `create-admin`. */
export async function hasUsers(db: Db): Promise<boolean> {
	return (await countUsers(db)) > 0;
}
