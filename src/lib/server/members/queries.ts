/** Reads about people and memberships; the service decides who may see what. */
import type { Selectable } from 'kysely';
import type { Db } from '../db';
import { toBool } from '../db/dialect';
import type { MembershipTable, PersonTable } from '../db/types';

export type PersonRow = Selectable<PersonTable>;
export type MembershipRow = Selectable<MembershipTable>;

export async function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
	return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A consent counts until it is revoked. */
export async function hasActiveConsent(db: Db, personId: string): Promise<boolean> {
	const row = await db
		.selectFrom('guardian_consent')
		.select('id')
		.where('person_id', '=', personId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Boolean(row);
}

export async function consentsOf(db: Db, personId: string) {
	return db
		.selectFrom('guardian_consent')
		.select([
			'id',
			'guardian_name',
			'relationship',
			'method',
			'consented_on',
			'document_ref',
			'revoked_at',
			'created_at'
		])
		.where('person_id', '=', personId)
		.orderBy('consented_on', 'desc')
		.orderBy('created_at', 'desc')
		.execute();
}

/** Every membership of a person, newest first, with the coalition's name and network. */
export async function membershipsOf(db: Db, personId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('coalition', 'coalition.id', 'membership.coalition_id')
		.selectAll('membership')
		.select(['coalition.name as coalition_name', 'coalition.network_id'])
		.where('membership.person_id', '=', personId)
		.orderBy('membership.started_on', 'desc')
		.orderBy('membership.created_at', 'desc')
		.execute();
}

/** The person's most recent membership in one coalition (a person may leave and come back). */
export async function latestMembership(
	db: Db,
	coalitionId: string,
	personId: string
): Promise<MembershipRow | undefined> {
	return db
		.selectFrom('membership')
		.selectAll()
		.where('coalition_id', '=', coalitionId)
		.where('person_id', '=', personId)
		.orderBy('started_on', 'desc')
		.orderBy('created_at', 'desc')
		.executeTakeFirst();
}

/** A coalition's memberships with what the list shows of each person. */
export async function coalitionMemberships(db: Db, coalitionId: string) {
	const rows = await db
		.selectFrom('membership')
		.innerJoin('person', 'person.id', 'membership.person_id')
		.select((eb) => [
			'membership.id as membership_id',
			'membership.person_id',
			'membership.role',
			'membership.sector',
			'membership.organization_name',
			'membership.started_on',
			'membership.ended_on',
			'person.first_name',
			'person.last_name',
			'person.name_search',
			'person.age_group',
			'person.birth_year',
			'person.erased_at',
			eb
				.exists(
					eb
						.selectFrom('guardian_consent')
						.select('guardian_consent.id')
						.whereRef('guardian_consent.person_id', '=', 'person.id')
						.where('guardian_consent.revoked_at', 'is', null)
				)
				.as('has_consent')
		])
		.where('membership.coalition_id', '=', coalitionId)
		.execute();
	return rows.map((r) => ({ ...r, has_consent: toBool(r.has_consent) }));
}

/** Sector and dates of the memberships of some coalitions: all that coverage needs. */
export async function membershipDates(db: Db, coalitionIds: string[]) {
	if (coalitionIds.length === 0) return [];
	return db
		.selectFrom('membership')
		.select(['coalition_id', 'sector', 'role', 'started_on', 'ended_on'])
		.where('coalition_id', 'in', coalitionIds)
		.execute();
}
