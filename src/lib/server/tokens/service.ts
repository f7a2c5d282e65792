/**
 * Personal access tokens for the JSON API. A token acts as its user (the same grants, checked by
 * the same services), narrowed to reading when its scope is 'read'. Only a SHA-256 of the secret
 * is stored: the secret is shown once, when the token is made, and cannot be shown again.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { parseForm, type FieldErrors } from '$lib/domain/forms';
import { TOKEN_FIELDS, tokenSchema, type TokenScope } from '$lib/domain/schemas/token';
import { loadActor } from '../accounts/service';
import { recordAudit } from '../audit/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';

/** Recognisable in logs and by secret scanners; the rest is 256 bits of randomness. */
const TOKEN_PREFIX = 'minka_';
const PREFIX_SHOWN = TOKEN_PREFIX.length + 6;
/** Writing "last used" on every request would turn each read into a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

export interface TokenSummary {
	id: string;
	name: string;
	scope: TokenScope;
	prefix: string;
	expiresAt: string | null;
	lastUsedAt: string | null;
	revokedAt: string | null;
	createdAt: string;
	state: 'active' | 'expired' | 'revoked';
}

function stateOf(row: { revoked_at: string | null; expires_at: string | null }, now: string) {
	if (row.revoked_at) return 'revoked' as const;
	if (row.expires_at && row.expires_at <= now) return 'expired' as const;
	return 'active' as const;
}

/** The actor's own tokens, newest first. Nobody lists anyone else's. */
export async function listTokens(db: Db, actor: Actor | null): Promise<TokenSummary[]> {
	if (!actor) throw new NotFoundError('tokens');
	const now = nowIso();
	const rows = await db
		.selectFrom('api_token')
		.selectAll()
		.where('user_id', '=', actor.userId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		scope: r.scope as TokenScope,
		prefix: r.prefix,
		expiresAt: r.expires_at,
		lastUsedAt: r.last_used_at,
		revokedAt: r.revoked_at,
		createdAt: r.created_at,
		state: stateOf(r, now)
	}));
}

export type CreateTokenResult =
	| { status: 'ok'; id: string; secret: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** A new token for the actor; the secret is in the result and nowhere else. */
export async function createToken(
	db: Db,
	actor: Actor | null,
	form: Record<string, unknown>,
	today: string = todayInLima()
): Promise<CreateTokenResult> {
	if (!actor) throw new NotFoundError('tokens');
	const parsed = parseForm(tokenSchema(today), form, TOKEN_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
	const id = newId();
	// The expiry day is Lima's: the token works through the end of that day there (UTC−5).
	const expiresAt = parsed.value.expiresOn
		? new Date(`${parsed.value.expiresOn}T23:59:59.999-05:00`).toISOString()
		: null;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('api_token')
			.values({
				id,
				user_id: actor.userId,
				name: parsed.value.name,
				scope: parsed.value.scope,
				token_hash: hashToken(secret),
				prefix: secret.slice(0, PREFIX_SHOWN),
				expires_at: expiresAt,
				last_used_at: null,
				revoked_at: null,
				created_at: nowIso()
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: null,
			entityType: 'api_token',
			entityId: id,
			entityLabel: parsed.value.name,
			action: 'create',
			after: { name: parsed.value.name, scope: parsed.value.scope, expiresAt }
		});
	});
	return { status: 'ok', id, secret };
}

/** Revoking is for good: the token answers 401 from the next request on. */
export async function revokeToken(db: Db, actor: Actor | null, id: string): Promise<void> {
	if (!actor) throw new NotFoundError('token');
	const row = await db
		.selectFrom('api_token')
		.selectAll()
		.where('id', '=', id)
		.where('user_id', '=', actor.userId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('token');
	if (row.revoked_at) return;
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('api_token').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
		await recordAudit(trx, actor, {
			networkId: null,
			entityType: 'api_token',
			entityId: id,
			entityLabel: row.name,
			action: 'revoke'
		});
	});
}

export type BearerResult =
	{ status: 'ok'; actor: Actor; scope: TokenScope } | { status: 'invalid' };

/**
 * Who a bearer token speaks for. Unknown, revoked and expired tokens, and tokens of a deactivated
 * user, are all just "invalid": the caller answers 401 without saying which.
 */
export async function authenticateToken(db: Db, secret: string): Promise<BearerResult> {
	if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { status: 'invalid' };
	const row = await db
		.selectFrom('api_token')
		.selectAll()
		.where('token_hash', '=', hashToken(secret))
		.executeTakeFirst();
	const now = new Date();
	if (!row || stateOf(row, now.toISOString()) !== 'active') return { status: 'invalid' };
	const actor = await loadActor(db, row.user_id);
	if (!actor) return { status: 'invalid' };
	const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
	await db
		.updateTable('api_token')
		.set({ last_used_at: now.toISOString() })
		.where('id', '=', row.id)
		.where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', stale)]))
		.execute();
	return { status: 'ok', actor, scope: row.scope as TokenScope };
}
