/**
 * The inbox of contact-form messages. Administrators read every message of their network;
 * coordinators and partner staff those about a coalition they may edit; viewers none. A message
 * outside the actor's scope is reported exactly like one that does not exist.
 */
import {
	canEditCoalition,
	canEnterNetwork,
	canReadMessage,
	coordinatedCoalitionIds,
	isNetworkAdmin,
	partnerOrganizationIds,
	type Actor,
	type CoalitionScope
} from '$lib/domain/access';
import { formValues, issuesToErrors, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	MESSAGE_STATUSES,
	MESSAGE_UPDATE_FIELDS,
	messageUpdateSchema,
	NOTE_FIELDS,
	noteSchema,
	OPEN_STATUSES,
	type MessageStatus
} from '$lib/domain/schemas/message';
import { historyOf, recordAudit } from '../audit/service';
import { listCoalitions, mapCoalition } from '../coalitions/queries';
import { coalitionScope } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import {
	countMessages,
	findMessage,
	findUserName,
	insertNote,
	listActiveStaff,
	listMessages,
	listNotes,
	updateMessageRow,
	type MessageFilter
} from './queries';

export const PAGE_SIZE = 25;

/** Which messages an actor may read in a network, as a whole. */
export type InboxAccess = 'all' | 'coalitions' | 'none';

export function inboxAccess(actor: Actor | null, networkId: string): InboxAccess {
	if (isNetworkAdmin(actor, networkId)) return 'all';
	const staff = actor?.grants.some(
		(g) => g.networkId === networkId && (g.role === 'coordinator' || g.role === 'partner_staff')
	);
	return staff ? 'coalitions' : 'none';
}

/** The coalitions whose messages a non-administrator reads: exactly those they may edit. */
export async function readableCoalitionIds(db: Db, actor: Actor | null, networkId: string) {
	const ids = new Set(coordinatedCoalitionIds(actor, networkId));
	if (partnerOrganizationIds(actor, networkId).length) {
		for (const coalition of await listCoalitions(db, networkId)) {
			if (canEditCoalition(actor, await coalitionScope(db, coalition))) ids.add(coalition.id);
		}
	}
	return [...ids];
}

export const MESSAGE_SORTS = ['newest', 'oldest'] as const;
export type MessageSort = (typeof MESSAGE_SORTS)[number];
/** '' (the default) means the open ones: new and answered. */
export const MESSAGE_STATUS_FILTERS = ['', ...MESSAGE_STATUSES, 'all'] as const;
export type MessageStatusFilter = (typeof MESSAGE_STATUS_FILTERS)[number];

export interface MessageListQuery {
	status?: string;
	mine?: boolean;
	sort?: string;
	page?: number;
	/** The JSON API pages by keyset instead: rows after this (created_at, id), `limit` of them. */
	after?: { value: string | number; id: string } | null;
	limit?: number;
}

export async function listMessagesFor(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: MessageListQuery
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const access = inboxAccess(actor, networkId);
	const status = MESSAGE_STATUS_FILTERS.includes(query.status as MessageStatusFilter)
		? (query.status as MessageStatusFilter)
		: '';
	const sort = MESSAGE_SORTS.includes(query.sort as MessageSort)
		? (query.sort as MessageSort)
		: 'newest';
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);
	const mine = Boolean(query.mine);
	const empty = {
		rows: [],
		total: 0,
		page,
		pageSize: PAGE_SIZE,
		pages: 1,
		status,
		sort,
		mine,
		access
	};
	if (access === 'none') return empty;

	const filter: MessageFilter = {
		networkId,
		coalitionIds: access === 'all' ? null : await readableCoalitionIds(db, actor, networkId),
		statuses:
			status === ''
				? OPEN_STATUSES
				: status === 'all'
					? MESSAGE_STATUSES
					: [status as MessageStatus],
		assignedTo: mine ? actor!.userId : null
	};
	const total = await countMessages(db, filter);
	const keyset = query.limit !== undefined;
	const rows = await listMessages(db, filter, {
		direction: sort === 'oldest' ? 'asc' : 'desc',
		limit: keyset ? query.limit! : PAGE_SIZE,
		offset: keyset ? 0 : (page - 1) * PAGE_SIZE,
		after:
			keyset && query.after ? { created_at: String(query.after.value), id: query.after.id } : null
	});
	return {
		...empty,
		rows: rows.map((r) => ({
			id: r.id,
			createdAt: r.created_at,
			name: r.name,
			email: r.email,
			topic: r.topic,
			status: r.status as MessageStatus,
			coalition: r.coalition_id ? { id: r.coalition_id, name: r.coalition_name ?? '' } : null,
			assignee: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null
		})),
		total,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE))
	};
}

/** The message if the actor may read it, else NotFoundError. */
async function requireMessage(db: Db, actor: Actor | null, id: string) {
	const message = await findMessage(db, id);
	if (!message) throw new NotFoundError('message');
	let coalition: { id: string; name: string; slug: string } | null = null;
	let scope: CoalitionScope | null = null;
	if (message.coalition_id) {
		const row = await db
			.selectFrom('coalition')
			.selectAll()
			.where('id', '=', message.coalition_id)
			.executeTakeFirstOrThrow();
		coalition = { id: row.id, name: row.name, slug: row.slug };
		scope = await coalitionScope(db, mapCoalition(row));
	}
	if (!canReadMessage(actor, message.network_id, scope)) throw new NotFoundError('message');
	return { message, coalition, scope };
}

/** The people a message can be handed to: active, with a role in the network, allowed to read it. */
async function assignableStaff(db: Db, networkId: string, scope: CoalitionScope | null) {
	const staff = await listActiveStaff(db, networkId);
	return staff
		.filter((s) => canReadMessage(s, networkId, scope))
		.map((s) => ({ id: s.userId, name: s.name, email: s.email }));
}

export async function messageForView(db: Db, actor: Actor | null, id: string) {
	const { message, coalition, scope } = await requireMessage(db, actor, id);
	const notes = await listNotes(db, id);
	return {
		message: {
			id: message.id,
			name: message.name,
			email: message.email,
			topic: message.topic,
			message: message.message,
			locale: message.locale,
			status: message.status as MessageStatus,
			createdAt: message.created_at,
			emailSentAt: message.email_sent_at,
			emailError: message.email_error
		},
		coalition,
		assignee: message.assigned_to
			? { id: message.assigned_to, name: (await findUserName(db, message.assigned_to)) ?? '' }
			: null,
		notes: notes.map((n) => ({
			id: n.id,
			author: n.author_label,
			body: n.body,
			createdAt: n.created_at
		})),
		staff: await assignableStaff(db, message.network_id, scope),
		history: await historyOf(db, 'message', id)
	};
}

export type MessageWriteResult =
	{ status: 'ok' } | { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/**
 * Changes a message's status, its assignee, or both (the API's PATCH): only the fields present
 * in `form` are touched. Nothing is written unless every field is valid.
 */
export async function updateMessage(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<MessageWriteResult> {
	const { message, scope } = await requireMessage(db, actor, id);
	const present = MESSAGE_UPDATE_FIELDS.filter((f) => typeof form[f] === 'string');
	const values = formValues(form, present);
	if (present.length === 0) return { status: 'invalid', errors: { _form: 'required' }, values };
	const parsed = messageUpdateSchema.safeParse(values);
	if (!parsed.success) {
		return { status: 'invalid', errors: issuesToErrors(parsed.error.issues), values };
	}
	const input = parsed.data;
	if (input.assignedTo) {
		const staff = await assignableStaff(db, message.network_id, scope);
		if (!staff.some((s) => s.id === input.assignedTo)) {
			return { status: 'invalid', errors: { assignedTo: 'invalid' }, values };
		}
	}
	await db.transaction().execute(async (trx) => {
		// Read again inside the transaction so `before` is what this write replaced.
		const current = (await findMessage(trx, id))!;
		const next = {
			status: input.status ?? current.status,
			assigned_to: input.assignedTo === undefined ? current.assigned_to : input.assignedTo
		};
		if (next.status === current.status && next.assigned_to === current.assigned_to) return;
		await updateMessageRow(trx, id, next);
		// Names, not ids: the history is read by people.
		const label = async (userId: string | null) =>
			userId ? ((await findUserName(trx, userId)) ?? userId) : null;
		await recordAudit(trx, actor, {
			networkId: current.network_id,
			entityType: 'message',
			entityId: id,
			entityLabel: current.name,
			action: 'update',
			before: { status: current.status, assignedTo: await label(current.assigned_to) },
			after: { status: next.status, assignedTo: await label(next.assigned_to) }
		});
	});
	return { status: 'ok' };
}

export async function setMessageStatus(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<MessageWriteResult> {
	return updateMessage(db, actor, id, { status: formValues(form, ['status']).status });
}

/** Hands the message to someone who may read it; an empty `assignedTo` hands it to nobody. */
export async function assignMessage(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<MessageWriteResult> {
	return updateMessage(db, actor, id, { assignedTo: formValues(form, ['assignedTo']).assignedTo });
}

export async function addNote(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<MessageWriteResult> {
	const { message } = await requireMessage(db, actor, id);
	const parsed = parseForm(noteSchema, form, NOTE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	await db.transaction().execute(async (trx) => {
		const noteId = newId();
		await insertNote(trx, {
			id: noteId,
			message_id: id,
			author_user_id: actor!.userId,
			author_label: actor!.name || actor!.email,
			body: parsed.value.body,
			created_at: nowIso()
		});
		await recordAudit(trx, actor, {
			networkId: message.network_id,
			entityType: 'message',
			entityId: id,
			entityLabel: message.name,
			action: 'add_note',
			before: { note: null },
			after: { note: parsed.value.body }
		});
	});
	return { status: 'ok' };
}
