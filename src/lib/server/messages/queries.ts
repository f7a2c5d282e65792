import type { Grant, Role } from '$lib/domain/access';
import type { MessageStatus } from '$lib/domain/schemas/message';
import type { Db } from '../db';

export async function findMessage(db: Db, id: string) {
	return db.selectFrom('contact_message').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MessageFilter {
	networkId: string;
	/** null: every message of the network; otherwise only those about these coalitions */
	coalitionIds: string[] | null;
	statuses: readonly MessageStatus[];
	assignedTo: string | null;
}

function filtered(db: Db, f: MessageFilter) {
	let q = db
		.selectFrom('contact_message')
		.where('contact_message.network_id', '=', f.networkId)
		.where('contact_message.status', 'in', [...f.statuses]);
	if (f.coalitionIds !== null) {
		// An empty list must match nothing; `in ()` is not valid SQL.
		q = q.where(
			'contact_message.coalition_id',
			'in',
			f.coalitionIds.length ? f.coalitionIds : ['']
		);
	}
	if (f.assignedTo) q = q.where('contact_message.assigned_to', '=', f.assignedTo);
	return q;
}

export async function countMessages(db: Db, f: MessageFilter): Promise<number> {
	const row = await filtered(db, f)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listMessages(
	db: Db,
	f: MessageFilter,
	page: {
		direction: 'asc' | 'desc';
		limit: number;
		offset: number;
		after?: { createdAt: string; id: string } | null;
	}
) {
	let q = filtered(db, f);
	if (page.after) {
		const { createdAt, id } = page.after;
		q = q.where((eb) =>
			eb(
				eb.refTuple('contact_message.created_at', 'contact_message.id'),
				page.direction === 'asc' ? '>' : '<',
				eb.tuple(createdAt, id)
			)
		);
	}
	return q
		.leftJoin('coalition', 'coalition.id', 'contact_message.coalition_id')
		.leftJoin('user as assignee', 'assignee.id', 'contact_message.assigned_to')
		.select([
			'contact_message.id',
			'contact_message.created_at',
			'contact_message.name',
			'contact_message.email',
			'contact_message.topic',
			'contact_message.status',
			'contact_message.assigned_to',
			'coalition.id as coalition_id',
			'coalition.name as coalition_name',
			'assignee.name as assignee_name'
		])
		.orderBy('contact_message.created_at', page.direction)
		.orderBy('contact_message.id', page.direction)
		.limit(page.limit)
		.offset(page.offset)
		.execute();
}

export async function updateMessageRow(
	db: Db,
	id: string,
	values: { status: string; assigned_to: string | null }
): Promise<void> {
	await db.updateTable('contact_message').set(values).where('id', '=', id).execute();
}

export async function listNotes(db: Db, messageId: string) {
	return db
		.selectFrom('message_note')
		.select(['id', 'author_label', 'body', 'created_at'])
		.where('message_id', '=', messageId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export async function insertNote(
	db: Db,
	note: {
		id: string;
		message_id: string;
		author_user_id: string;
		author_label: string;
		body: string;
		created_at: string;
	}
): Promise<void> {
	await db.insertInto('message_note').values(note).execute();
}

export async function findUserName(db: Db, id: string): Promise<string | null> {
	const row = await db
		.selectFrom('user')
		.select(['name', 'email'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? row.name || row.email : null;
}

export interface StaffMember {
	userId: string;
	name: string;
	email: string;
	grants: Grant[];
}

/** Active people with a role in the network, each with their grants there, by name. */
export async function listActiveStaff(db: Db, networkId: string): Promise<StaffMember[]> {
	const rows = await db
		.selectFrom('role_grant')
		.innerJoin('user', 'user.id', 'role_grant.user_id')
		.leftJoin('user_state', 'user_state.user_id', 'role_grant.user_id')
		.select([
			'user.id as user_id',
			'user.name',
			'user.email',
			'role_grant.role',
			'role_grant.organization_id',
			'role_grant.coalition_id'
		])
		.where('role_grant.network_id', '=', networkId)
		.where('user_state.deactivated_at', 'is', null)
		.orderBy('user.name')
		.orderBy('user.id')
		.execute();
	const staff = new Map<string, StaffMember>();
	for (const r of rows) {
		const member = staff.get(r.user_id) ?? {
			userId: r.user_id,
			name: r.name,
			email: r.email,
			grants: []
		};
		member.grants.push({
			role: r.role as Role,
			networkId,
			organizationId: r.organization_id,
			coalitionId: r.coalition_id
		});
		staff.set(r.user_id, member);
	}
	return [...staff.values()];
}
