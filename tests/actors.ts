import type { Actor, Role } from '../src/lib/domain/access';
import type { Db } from '../src/lib/server/db';

/** Ids the tests need from the seeded Peru network. */
export async function peruIds(db: Db) {
	const network = await db
		.selectFrom('network')
		.select('id')
		.where('slug', '=', 'peru')
		.executeTakeFirstOrThrow();
	const coalition = async (slug: string) =>
		(
			await db
				.selectFrom('coalition')
				.select('id')
				.where('slug', '=', slug)
				.executeTakeFirstOrThrow()
		).id;
	const organization = async (slug: string) =>
		(
			await db
				.selectFrom('organization')
				.select('id')
				.where('slug', '=', slug)
				.executeTakeFirstOrThrow()
		).id;
	return {
		networkId: network.id,
		callaoNorte: await coalition('callao-norte'),
		huaro: await coalition('huaro'),
		sumbi: await organization('sumbi'),
		creser: await organization('creser')
	};
}

/** An actor with one role, as the hooks would build it from the database. */
export function actorWith(
	role: Role,
	networkId: string,
	scope: { organizationId?: string; coalitionId?: string } = {},
	userId = `user-${role}`
): Actor {
	return {
		userId,
		name: `Test ${role}`,
		email: `${role}@example.org`,
		grants: [
			{
				role,
				networkId,
				organizationId: scope.organizationId ?? null,
				coalitionId: scope.coalitionId ?? null
			}
		]
	};
}
