/**
 * The action plan: tasks under a strategy or a local condition of the coalition's logic model,
 * with owner, due day, status, resources and process measures.
 */
import {
	canEditCoalition,
	canEnterNetwork,
	canViewCoalition,
	type Actor
} from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { isTaskOverdue, TASK_ITEM_KINDS, type ItemKind } from '$lib/domain/planning';
import { TASK_FIELDS, taskSchema, type TaskInput } from '$lib/domain/schemas/planning';
import { recordAudit } from '../audit/service';
import { mapCoalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { taskItemOptions } from './logic-model';
import { hasErrors, invalid, type SaveResult, type UpdateResult } from './shared';

type TaskRow = {
	id: string;
	coalition_id: string;
	model_item_id: string;
	title: string;
	owner: string | null;
	due_on: string | null;
	status: string;
	resources: string | null;
	process_measure: string | null;
	created_at: string;
	updated_at: string;
};

// Owners are people's names: the trail keeps the link, the day and the status.
function taskAudit(t: TaskRow) {
	return { modelItemId: t.model_item_id, dueOn: t.due_on, status: t.status };
}

function taskValues(t: TaskRow): Record<string, string> {
	return {
		modelItemId: t.model_item_id,
		title: t.title,
		owner: t.owner ?? '',
		dueOn: t.due_on ?? '',
		status: t.status,
		resources: t.resources ?? '',
		processMeasure: t.process_measure ?? '',
		version: t.updated_at
	};
}

async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
	return db.selectFrom('action_task').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The item must be a strategy or local condition of one of this coalition's models. */
async function taskErrors(db: Db, coalitionId: string, input: TaskInput): Promise<FieldErrors> {
	const item = await db
		.selectFrom('logic_model_item')
		.innerJoin('logic_model', 'logic_model.id', 'logic_model_item.model_id')
		.select(['logic_model_item.kind', 'logic_model.coalition_id'])
		.where('logic_model_item.id', '=', input.modelItemId)
		.executeTakeFirst();
	if (!item || item.coalition_id !== coalitionId) return { modelItemId: 'not_found' };
	if (!TASK_ITEM_KINDS.includes(item.kind as ItemKind)) return { modelItemId: 'parent_invalid' };
	return {};
}

function taskColumns(input: TaskInput) {
	return {
		model_item_id: input.modelItemId,
		title: input.title,
		owner: input.owner,
		due_on: input.dueOn,
		status: input.status,
		resources: input.resources,
		process_measure: input.processMeasure
	};
}

/** The coalition's plan: tasks by due day (undated last), each with the item it serves. */
export async function listTasks(db: Db, actor: Actor | null, coalitionId: string, today: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const rows = await db
		.selectFrom('action_task')
		.innerJoin('logic_model_item', 'logic_model_item.id', 'action_task.model_item_id')
		.selectAll('action_task')
		.select([
			'logic_model_item.kind as item_kind',
			'logic_model_item.text_es as item_text_es',
			'logic_model_item.text_en as item_text_en',
			'logic_model_item.strategy_code as item_strategy'
		])
		.where('action_task.coalition_id', '=', coalitionId)
		.orderBy('action_task.due_on')
		.orderBy('action_task.created_at')
		.orderBy('action_task.id')
		.execute();
	const undatedLast = [...rows.filter((r) => r.due_on), ...rows.filter((r) => !r.due_on)];
	return {
		coalition: { id: coalition.id, name: coalition.name },
		tasks: undatedLast.map((t) => ({
			id: t.id,
			title: t.title,
			owner: t.owner,
			dueOn: t.due_on,
			status: t.status,
			resources: t.resources,
			processMeasure: t.process_measure,
			overdue: isTaskOverdue({ status: t.status, dueOn: t.due_on }, today),
			item: {
				id: t.model_item_id,
				kind: t.item_kind,
				textEs: t.item_text_es,
				textEn: t.item_text_en,
				strategyCode: t.item_strategy
			},
			values: taskValues(t)
		})),
		itemOptions: await taskItemOptions(db, coalitionId),
		canEdit: canEditCoalition(actor, scope)
	};
}

export async function taskForEdit(db: Db, actor: Actor | null, taskId: string) {
	const task = await findTask(db, taskId);
	if (!task) throw new NotFoundError('task');
	const { scope } = await requireCoalition(db, actor, task.coalition_id, 'view').catch((e) => {
		throw e instanceof NotFoundError ? new NotFoundError('task') : e;
	});
	return {
		id: task.id,
		coalitionId: task.coalition_id,
		values: taskValues(task),
		itemOptions: await taskItemOptions(db, task.coalition_id, task.model_item_id),
		canEdit: canEditCoalition(actor, scope)
	};
}

export async function createTask(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(taskSchema, form, TASK_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, TASK_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await taskErrors(trx, coalitionId, parsed.value);
		if (hasErrors(errors)) return invalid(errors, values);
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('action_task')
			.values({
				id,
				coalition_id: coalitionId,
				...taskColumns(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'action_task',
			entityId: id,
			entityLabel: coalition.name,
			action: 'create',
			after: taskAudit((await findTask(trx, id))!)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateTask(
	db: Db,
	actor: Actor | null,
	taskId: string,
	form: Record<string, unknown>
): Promise<UpdateResult> {
	const task = await findTask(db, taskId);
	if (!task) throw new NotFoundError('task');
	const { coalition } = await requireCoalition(db, actor, task.coalition_id, 'edit').catch((e) => {
		throw e instanceof NotFoundError ? new NotFoundError('task') : e;
	});
	const parsed = parseForm(taskSchema, form, TASK_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, TASK_FIELDS);
	if (parsed.value.version && parsed.value.version !== task.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await taskErrors(trx, task.coalition_id, parsed.value);
		if (hasErrors(errors)) return invalid(errors, values);
		await trx
			.updateTable('action_task')
			.set({ ...taskColumns(parsed.value), updated_at: nowIso() })
			.where('id', '=', taskId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'action_task',
			entityId: taskId,
			entityLabel: coalition.name,
			action: 'update',
			before: taskAudit(task),
			after: taskAudit((await findTask(trx, taskId))!)
		});
		return { status: 'ok' as const, id: taskId };
	});
}

/**
 * Open tasks past their due day in the coalitions the actor may see, oldest due first: the
 * workspace overview's list. `today` is Lima's 'YYYY-MM-DD'.
 */
export async function overdueTasks(
	db: Db,
	actor: Actor | null,
	networkId: string,
	today: string,
	limit = 20
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const rows = await db
		.selectFrom('action_task')
		.innerJoin('coalition', 'coalition.id', 'action_task.coalition_id')
		.select([
			'action_task.id',
			'action_task.title',
			'action_task.due_on',
			'action_task.status',
			'coalition.id as coalition_id',
			'coalition.name as coalition_name'
		])
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived')
		.where('action_task.due_on', '<', today)
		.where('action_task.status', 'in', ['todo', 'doing'])
		.orderBy('action_task.due_on')
		.orderBy('action_task.id')
		.execute();
	const visible = new Map<string, boolean>();
	const out = [];
	for (const r of rows) {
		if (!visible.has(r.coalition_id)) {
			const coalition = await db
				.selectFrom('coalition')
				.selectAll()
				.where('id', '=', r.coalition_id)
				.executeTakeFirstOrThrow();
			const scope = await coalitionScope(db, mapCoalition(coalition));
			visible.set(r.coalition_id, canViewCoalition(actor, scope));
		}
		if (!visible.get(r.coalition_id)) continue;
		out.push({
			id: r.id,
			title: r.title,
			dueOn: r.due_on!,
			status: r.status,
			coalition: { id: r.coalition_id, name: r.coalition_name }
		});
		if (out.length >= limit) break;
	}
	return out;
}
