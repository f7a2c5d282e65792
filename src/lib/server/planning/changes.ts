/**
 * Community and system changes: a new or changed program, policy or practice (a municipal
 * ordinance on alcohol sales hours, say), and the cumulative series the graph draws.
 */
import { canEditCoalition, canEnterNetwork, type Actor } from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { cumulativeChanges, type ChangeEvent } from '$lib/domain/planning';
import { CHANGE_FIELDS, changeSchema, type ChangeInput } from '$lib/domain/schemas/planning';
import { recordAudit } from '../audit/service';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { localConditionOptions } from './logic-model';
import { hasErrors, invalid, type SaveResult, type UpdateResult } from './shared';

type ChangeRow = {
	id: string;
	coalition_id: string;
	kind: string;
	title: string;
	description: string | null;
	sector: string | null;
	local_condition_item_id: string | null;
	happened_on: string;
	evidence: string | null;
	status: string;
	created_at: string;
	updated_at: string;
};

function changeAudit(c: ChangeRow) {
	return {
		kind: c.kind,
		title: c.title,
		sector: c.sector,
		localConditionItemId: c.local_condition_item_id,
		happenedOn: c.happened_on,
		status: c.status
	};
}

function changeValues(c: ChangeRow): Record<string, string> {
	return {
		kind: c.kind,
		title: c.title,
		description: c.description ?? '',
		sector: c.sector ?? '',
		localConditionItemId: c.local_condition_item_id ?? '',
		happenedOn: c.happened_on,
		evidence: c.evidence ?? '',
		status: c.status,
		version: c.updated_at
	};
}

async function findChange(db: Db, id: string): Promise<ChangeRow | undefined> {
	return db.selectFrom('community_change').selectAll().where('id', '=', id).executeTakeFirst();
}

async function changeErrors(db: Db, coalitionId: string, input: ChangeInput): Promise<FieldErrors> {
	if (!input.localConditionItemId) return {};
	const item = await db
		.selectFrom('logic_model_item')
		.innerJoin('logic_model', 'logic_model.id', 'logic_model_item.model_id')
		.select(['logic_model_item.kind', 'logic_model.coalition_id'])
		.where('logic_model_item.id', '=', input.localConditionItemId)
		.executeTakeFirst();
	if (!item || item.coalition_id !== coalitionId || item.kind !== 'local_condition') {
		return { localConditionItemId: 'not_found' };
	}
	return {};
}

function changeColumns(input: ChangeInput) {
	return {
		kind: input.kind,
		title: input.title,
		description: input.description,
		sector: input.sector,
		local_condition_item_id: input.localConditionItemId,
		happened_on: input.happenedOn,
		evidence: input.evidence,
		status: input.status
	};
}

export async function listChanges(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const rows = await db
		.selectFrom('community_change')
		.leftJoin('logic_model_item', 'logic_model_item.id', 'community_change.local_condition_item_id')
		.selectAll('community_change')
		.select([
			'logic_model_item.text_es as condition_es',
			'logic_model_item.text_en as condition_en'
		])
		.where('community_change.coalition_id', '=', coalitionId)
		.orderBy('community_change.happened_on', 'desc')
		.orderBy('community_change.id')
		.execute();
	return {
		coalition: { id: coalition.id, name: coalition.name },
		changes: rows.map((c) => ({
			id: c.id,
			kind: c.kind,
			title: c.title,
			description: c.description,
			sector: c.sector,
			localCondition: c.local_condition_item_id
				? { id: c.local_condition_item_id, textEs: c.condition_es, textEn: c.condition_en }
				: null,
			happenedOn: c.happened_on,
			evidence: c.evidence,
			status: c.status,
			values: changeValues(c)
		})),
		conditionOptions: await localConditionOptions(db, coalitionId),
		canEdit: canEditCoalition(actor, scope)
	};
}

export async function recordChange(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>,
	today: string = todayInLima()
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(changeSchema(today), form, CHANGE_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, CHANGE_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await changeErrors(trx, coalitionId, parsed.value);
		if (hasErrors(errors)) return invalid(errors, values);
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('community_change')
			.values({
				id,
				coalition_id: coalitionId,
				...changeColumns(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'community_change',
			entityId: id,
			entityLabel: parsed.value.title,
			action: 'create',
			after: changeAudit((await findChange(trx, id))!)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateChange(
	db: Db,
	actor: Actor | null,
	changeId: string,
	form: Record<string, unknown>,
	today: string = todayInLima()
): Promise<UpdateResult> {
	const change = await findChange(db, changeId);
	if (!change) throw new NotFoundError('community_change');
	const { coalition } = await requireCoalition(db, actor, change.coalition_id, 'edit').catch(
		(e) => {
			throw e instanceof NotFoundError ? new NotFoundError('community_change') : e;
		}
	);
	const parsed = parseForm(changeSchema(today), form, CHANGE_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, CHANGE_FIELDS);
	if (parsed.value.version && parsed.value.version !== change.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await changeErrors(trx, change.coalition_id, parsed.value);
		if (hasErrors(errors)) return invalid(errors, values);
		await trx
			.updateTable('community_change')
			.set({ ...changeColumns(parsed.value), updated_at: nowIso() })
			.where('id', '=', changeId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'community_change',
			entityId: changeId,
			entityLabel: parsed.value.title,
			action: 'update',
			before: changeAudit(change),
			after: changeAudit((await findChange(trx, changeId))!)
		});
		return { status: 'ok' as const, id: changeId };
	});
}

/**
 * The cumulative count of changes by month, for one coalition (whoever may view it) or for the
 * whole network (anyone with a role in it: titles and counts only). The range defaults to the
 * first change's month through `today`'s.
 */
export async function changeSeries(
	db: Db,
	actor: Actor | null,
	target: { coalitionId: string } | { networkId: string },
	options: { from?: string; to?: string; today?: string } = {}
) {
	let query = db
		.selectFrom('community_change')
		.innerJoin('coalition', 'coalition.id', 'community_change.coalition_id')
		.select([
			'community_change.id',
			'community_change.kind',
			'community_change.status',
			'community_change.title',
			'community_change.happened_on'
		]);
	if ('coalitionId' in target) {
		await requireCoalition(db, actor, target.coalitionId, 'view');
		query = query.where('community_change.coalition_id', '=', target.coalitionId);
	} else {
		if (!canEnterNetwork(actor, target.networkId)) throw new NotFoundError('network');
		query = query
			.where('coalition.network_id', '=', target.networkId)
			.where('coalition.status', '!=', 'archived');
	}
	const rows = await query.orderBy('community_change.happened_on').execute();
	const changes: ChangeEvent[] = rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		status: r.status,
		title: r.title,
		happenedOn: r.happened_on
	}));
	const to = options.to ?? (options.today ?? todayInLima()).slice(0, 7);
	const from = options.from ?? changes[0]?.happenedOn.slice(0, 7) ?? to;
	return { from, to, total: changes.length, points: cumulativeChanges(changes, { from, to }) };
}
