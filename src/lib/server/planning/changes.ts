/**
 * Community and system changes: a new or changed program, policy or practice (a municipal
 * ordinance on alcohol sales hours, say), and the cumulative series the graph draws.
 */
import { canEditCoalition, canEnterNetwork, type Actor } from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	addMonths,
	cumulativeChanges,
	type ChangeEvent,
	type Milestone
} from '$lib/domain/planning';
import { CHANGE_FIELDS, changeSchema, type ChangeInput } from '$lib/domain/schemas/planning';
import { recordAudit } from '../audit/service';
import { requireCoalition, visibleCoalitionIds } from '../coalitions/workspace';
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

/** A change as its edit form shows it, with the local conditions it may address. */
export async function changeForEdit(db: Db, actor: Actor | null, changeId: string) {
	const change = await findChange(db, changeId);
	if (!change) throw new NotFoundError('community_change');
	const { coalition, scope } = await requireCoalition(db, actor, change.coalition_id, 'view').catch(
		(e) => {
			throw e instanceof NotFoundError ? new NotFoundError('community_change') : e;
		}
	);
	return {
		id: change.id,
		coalition: { id: coalition.id, name: coalition.name },
		values: changeValues(change),
		conditionOptions: await localConditionOptions(db, change.coalition_id),
		canEdit: canEditCoalition(actor, scope)
	};
}

/**
 * What happened around the changes, drawn as marks on the graph so a reader can relate a jump in
 * the curve to the work before it: for a coalition, the trainings its people attended and the
 * days its logic model versions were approved; for a network, its phases' starts and its
 * national and international institutes.
 */
async function milestones(
	db: Db,
	target: { coalitionId: string } | { networkId: string },
	range: { from: string; to: string }
): Promise<Milestone[]> {
	const first = `${range.from}-01`;
	const last = `${range.to}-31`;
	const out: Milestone[] = [];
	if ('coalitionId' in target) {
		const trainings = await db
			.selectFrom('training_event')
			.select(['training_event.id', 'training_event.title', 'training_event.starts_on'])
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('training_attendance')
						.select('training_attendance.id')
						.whereRef('training_attendance.event_id', '=', 'training_event.id')
						.where('training_attendance.coalition_id', '=', target.coalitionId)
				)
			)
			.where('training_event.starts_on', '>=', first)
			.where('training_event.starts_on', '<=', last)
			.execute();
		for (const t of trainings) {
			out.push({ id: t.id, kind: 'training', on: t.starts_on, titleEs: t.title, titleEn: null });
		}
		const plans = await db
			.selectFrom('logic_model')
			.select(['id', 'title', 'version', 'approved_on'])
			.where('coalition_id', '=', target.coalitionId)
			.where('approved_on', 'is not', null)
			.where('approved_on', '>=', first)
			.where('approved_on', '<=', last)
			.execute();
		for (const p of plans) {
			out.push({ id: p.id, kind: 'plan', on: p.approved_on!, titleEs: p.title, titleEn: null });
		}
	} else {
		const phases = await db
			.selectFrom('phase')
			.select(['id', 'name_es', 'name_en', 'start_year'])
			.where('network_id', '=', target.networkId)
			.execute();
		for (const p of phases) {
			const on = `${p.start_year}-01-01`;
			if (on < first || on > last) continue;
			out.push({ id: p.id, kind: 'phase', on, titleEs: p.name_es, titleEn: p.name_en });
		}
		const institutes = await db
			.selectFrom('training_event')
			.select(['id', 'title', 'starts_on'])
			.where('network_id', '=', target.networkId)
			.where('kind', 'in', ['national_institute', 'international_institute'])
			.where('starts_on', '>=', first)
			.where('starts_on', '<=', last)
			.execute();
		for (const t of institutes) {
			out.push({ id: t.id, kind: 'training', on: t.starts_on, titleEs: t.title, titleEn: null });
		}
	}
	return out.sort((a, b) => a.on.localeCompare(b.on) || a.id.localeCompare(b.id));
}

/**
 * The cumulative count of changes by month, for one coalition (whoever may view it) or for a
 * network, counting only the coalitions the actor may see (all of them for admins and viewers).
 * The range defaults to the first change's month through `today`'s, widened to `minMonths` so a
 * young coalition's graph still shows a stretch of time.
 */
export async function changeSeries(
	db: Db,
	actor: Actor | null,
	target: { coalitionId: string } | { networkId: string },
	options: { from?: string; to?: string; today?: string; minMonths?: number } = {}
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
	let coalitions: number | null = null;
	if ('coalitionId' in target) {
		await requireCoalition(db, actor, target.coalitionId, 'view');
		query = query.where('community_change.coalition_id', '=', target.coalitionId);
	} else {
		if (!canEnterNetwork(actor, target.networkId)) throw new NotFoundError('network');
		const visible = await visibleCoalitionIds(db, actor, target.networkId);
		query = query
			.where('coalition.network_id', '=', target.networkId)
			.where('coalition.status', '!=', 'archived');
		if (visible !== null) {
			coalitions = visible.length;
			// An empty IN list is invalid SQL; nobody's changes are counted instead.
			query = query.where('community_change.coalition_id', 'in', visible.length ? visible : ['']);
		}
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
	const earliest = addMonths(to, 1 - Math.max(1, options.minMonths ?? 1));
	const first = changes[0]?.happenedOn.slice(0, 7) ?? to;
	const from = options.from ?? (first < earliest ? first : earliest);
	return {
		from,
		to,
		total: changes.length,
		/** null: every coalition of the network counts; else how many the actor's scope holds */
		coalitions,
		points: cumulativeChanges(changes, { from, to }),
		milestones: await milestones(db, target, { from, to })
	};
}
