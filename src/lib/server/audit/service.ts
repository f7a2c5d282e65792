import { isNetworkAdmin, type Actor } from '$lib/domain/access';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';

export interface AuditEntry {
	networkId: string | null;
	entityType: string;
	entityId: string;
	entityLabel?: string | null;
	action: string;
	before?: unknown;
	after?: unknown;
}

/**
 * Records who changed what, when, with the values before and after. Called by services inside the
 * same transaction as the write, so a change and its record stand or fall together.
 */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_event')
		.values({
			id: newId(),
			network_id: entry.networkId,
			actor_user_id: actor?.userId ?? null,
			actor_label: actor ? actor.name || actor.email : 'system',
			entity_type: entry.entityType,
			entity_id: entry.entityId,
			entity_label: entry.entityLabel ?? null,
			action: entry.action,
			before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
			after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
			created_at: nowIso()
		})
		.execute();
}

export interface AuditRecord {
	id: string;
	actor: string;
	entityType: string;
	entityId: string;
	entityLabel: string | null;
	action: string;
	changes: { field: string; before: unknown; after: unknown }[];
	createdAt: string;
}

/** Only the fields that changed, so a history reads as "status: active → inactive". */
export function diffValues(before: unknown, after: unknown): AuditRecord['changes'] {
	const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
	const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
	const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
	return fields
		.filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
		.map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }));
}

function toRecord(row: {
	id: string;
	actor_label: string;
	entity_type: string;
	entity_id: string;
	entity_label: string | null;
	action: string;
	before_json: string | null;
	after_json: string | null;
	created_at: string;
}): AuditRecord {
	return {
		id: row.id,
		actor: row.actor_label,
		entityType: row.entity_type,
		entityId: row.entity_id,
		entityLabel: row.entity_label,
		action: row.action,
		changes: diffValues(
			row.before_json ? JSON.parse(row.before_json) : null,
			row.after_json ? JSON.parse(row.after_json) : null
		),
		createdAt: row.created_at
	};
}

/** A record's history, newest first. Callers check the reader may see the record itself. */
export async function historyOf(db: Db, entityType: string, entityId: string, limit = 50) {
	const rows = await db
		.selectFrom('audit_event')
		.selectAll()
		.where('entity_type', '=', entityType)
		.where('entity_id', '=', entityId)
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toRecord);
}

/** Recent changes across a network, newest first (administrators). */
export async function recentChanges(db: Db, networkId: string, limit = 50, offset = 0) {
	const rows = await db
		.selectFrom('audit_event')
		.selectAll()
		.where('network_id', '=', networkId)
		.orderBy('created_at', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map(toRecord);
}

export const CHANGE_LOG_PAGE_SIZE = 50;

/** The network's change log, a page at a time: administrators only. */
export async function changeLog(
	db: Db,
	actor: Actor | null,
	networkId: string,
	requestedPage: number
) {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	const total = Number(
		(
			await db
				.selectFrom('audit_event')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		).n
	);
	const pages = Math.max(1, Math.ceil(total / CHANGE_LOG_PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(requestedPage) || 1));
	return {
		entries: await recentChanges(
			db,
			networkId,
			CHANGE_LOG_PAGE_SIZE,
			(page - 1) * CHANGE_LOG_PAGE_SIZE
		),
		page,
		pages,
		total
	};
}
