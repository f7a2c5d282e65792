import type { Db } from '../db';
import type { Grant, Role } from '$lib/domain/access';

export async function findUserById(db: Db, id: string) {
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string) {
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email'])
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
	const row = await db
		.selectFrom('user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listGrantsOfUser(
	db: Db,
	userId: string
): Promise<(Grant & { id: string })[]> {
	const rows = await db
		.selectFrom('role_grant')
		.select(['id', 'role', 'network_id', 'organization_id', 'coalition_id'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		role: r.role as Role,
		networkId: r.network_id,
		organizationId: r.organization_id,
		coalitionId: r.coalition_id
	}));
}

export async function isDeactivated(db: Db, userId: string): Promise<boolean> {
	const row = await db
		.selectFrom('user_state')
		.select('deactivated_at')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Boolean(row?.deactivated_at);
}

export async function setDeactivated(
	db: Db,
	userId: string,
	deactivatedAt: string | null,
	by: string | null,
	now: string
) {
	const existing = await db
		.selectFrom('user_state')
		.select('user_id')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (existing) {
		await db
			.updateTable('user_state')
			.set({ deactivated_at: deactivatedAt, deactivated_by: by, updated_at: now })
			.where('user_id', '=', userId)
			.execute();
	} else {
		await db
			.insertInto('user_state')
			.values({
				user_id: userId,
				deactivated_at: deactivatedAt,
				deactivated_by: by,
				updated_at: now
			})
			.execute();
	}
}

export async function insertGrant(
	db: Db,
	grant: {
		id: string;
		user_id: string;
		network_id: string;
		role: Role;
		organization_id: string | null;
		coalition_id: string | null;
		created_by: string | null;
		created_at: string;
	}
) {
	await db.insertInto('role_grant').values(grant).execute();
}

export async function deleteGrant(db: Db, id: string, networkId: string) {
	const result = await db
		.deleteFrom('role_grant')
		.where('id', '=', id)
		.where('network_id', '=', networkId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Users holding any role in the network, with those roles and whether they are deactivated. */
export async function listNetworkUsers(db: Db, networkId: string) {
	return db
		.selectFrom('role_grant')
		.innerJoin('user', 'user.id', 'role_grant.user_id')
		.leftJoin('user_state', 'user_state.user_id', 'role_grant.user_id')
		.leftJoin('organization', 'organization.id', 'role_grant.organization_id')
		.leftJoin('coalition', 'coalition.id', 'role_grant.coalition_id')
		.select([
			'user.id as user_id',
			'user.name',
			'user.email',
			'user_state.deactivated_at',
			'role_grant.id as grant_id',
			'role_grant.role',
			'organization.short_name as organization_name',
			'organization.name as organization_full_name',
			'coalition.name as coalition_name'
		])
		.where('role_grant.network_id', '=', networkId)
		.orderBy('user.name')
		.orderBy('role_grant.created_at')
		.execute();
}

export async function insertAccessToken(
	db: Db,
	token: {
		id: string;
		kind: 'invite' | 'reset';
		token_hash: string;
		email: string;
		user_id: string | null;
		network_id: string | null;
		role: Role | null;
		organization_id: string | null;
		coalition_id: string | null;
		expires_at: string;
		created_by: string | null;
		created_at: string;
	}
) {
	await db
		.insertInto('access_token')
		.values({ ...token, used_at: null })
		.execute();
}

export async function findAccessToken(db: Db, tokenHash: string) {
	return db
		.selectFrom('access_token')
		.selectAll()
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst();
}

/** Marks a token used if nobody has yet; the count tells whether this caller won. */
export async function consumeAccessToken(db: Db, id: string, now: string): Promise<boolean> {
	const result = await db
		.updateTable('access_token')
		.set({ used_at: now })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function listPendingInvites(db: Db, networkId: string, now: string) {
	return db
		.selectFrom('access_token')
		.select(['id', 'email', 'role', 'expires_at', 'created_at'])
		.where('kind', '=', 'invite')
		.where('network_id', '=', networkId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.orderBy('created_at', 'desc')
		.execute();
}
