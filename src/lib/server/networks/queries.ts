import type { Db } from '../db';
import { toBool } from '../db/dialect';
import type { NetworkRow } from '../db/types';

export type Network = Omit<NetworkRow, 'is_default'> & { is_default: boolean };

function mapNetwork(row: NetworkRow): Network {
	return { ...row, is_default: toBool(row.is_default) };
}

export async function findNetworkBySlug(db: Db, slug: string): Promise<Network | undefined> {
	const row = await db
		.selectFrom('network')
		.selectAll()
		.where('slug', '=', slug)
		.executeTakeFirst();
	return row && mapNetwork(row);
}

export async function findDefaultNetwork(db: Db): Promise<Network | undefined> {
	const row = await db
		.selectFrom('network')
		.selectAll()
		.orderBy('is_default', 'desc')
		.orderBy('created_at')
		.executeTakeFirst();
	return row && mapNetwork(row);
}

export async function listNetworks(db: Db): Promise<Network[]> {
	const rows = await db.selectFrom('network').selectAll().orderBy('name_es').execute();
	return rows.map(mapNetwork);
}

export async function countNetworks(db: Db): Promise<number> {
	const row = await db
		.selectFrom('network')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listPhases(db: Db, networkId: string) {
	return db
		.selectFrom('phase')
		.selectAll()
		.where('network_id', '=', networkId)
		.orderBy('number')
		.execute();
}

export async function listPhaseGoals(db: Db, networkId: string) {
	return db
		.selectFrom('phase_goal')
		.innerJoin('phase', 'phase.id', 'phase_goal.phase_id')
		.selectAll('phase_goal')
		.where('phase.network_id', '=', networkId)
		.orderBy('phase_goal.phase_id')
		.orderBy('phase_goal.sort_order')
		.execute();
}

export async function listPhasePlaces(db: Db, networkId: string) {
	return db
		.selectFrom('phase_place')
		.innerJoin('phase', 'phase.id', 'phase_place.phase_id')
		.select(['phase_place.phase_id', 'phase_place.place_id'])
		.where('phase.network_id', '=', networkId)
		.execute();
}

/** Organizations with at least one role in the network, and those roles. */
export async function listPartnerRoles(db: Db, networkId: string) {
	return db
		.selectFrom('partner_role')
		.innerJoin('organization', 'organization.id', 'partner_role.organization_id')
		.select([
			'partner_role.id',
			'partner_role.organization_id',
			'partner_role.phase_id',
			'partner_role.coalition_id',
			'partner_role.role',
			'partner_role.note_es',
			'partner_role.note_en',
			'organization.slug as organization_slug',
			'organization.name as organization_name',
			'organization.short_name as organization_short_name',
			'organization.kind as organization_kind'
		])
		.where('partner_role.network_id', '=', networkId)
		.orderBy('organization.name')
		.execute();
}

export async function listOrganizationsOfNetwork(db: Db, networkId: string) {
	return db
		.selectFrom('organization')
		.selectAll()
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('partner_role')
					.select('partner_role.id')
					.whereRef('partner_role.organization_id', '=', 'organization.id')
					.where('partner_role.network_id', '=', networkId)
			)
		)
		.orderBy('name')
		.execute();
}
