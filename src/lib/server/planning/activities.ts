/**
 * The activity log, the everyday input: what was done, which task or strategy it serves, and how
 * many people it reached (counts only, never names). A draft the browser kept while offline
 * carries a client_draft_id, so sending it twice stores it once.
 */
import { canEditCoalition, type Actor } from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { reachedTotal } from '$lib/domain/planning';
import {
	ACTIVITY_FIELDS,
	activitySchema,
	sectorsOf,
	type ActivityInput
} from '$lib/domain/schemas/planning';
import { recordAudit } from '../audit/service';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { hasErrors, invalid } from './shared';

export const ACTIVITY_PAGE_SIZE = 25;

type ActivityRow = {
	id: string;
	coalition_id: string;
	happened_on: string;
	task_id: string | null;
	strategy_code: string | null;
	kind: string;
	reached_total: number | null;
	sectors: string;
	volunteers: number | null;
	client_draft_id: string | null;
};

function activityAudit(a: ActivityRow) {
	return {
		happenedOn: a.happened_on,
		taskId: a.task_id,
		strategyCode: a.strategy_code,
		kind: a.kind,
		reachedTotal: a.reached_total,
		sectors: a.sectors,
		volunteers: a.volunteers
	};
}

export type LogResult =
	| { status: 'ok'; id: string; duplicate: boolean }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

async function byDraft(db: Db, coalitionId: string, draftId: string) {
	return db
		.selectFrom('activity')
		.select('id')
		.where('coalition_id', '=', coalitionId)
		.where('client_draft_id', '=', draftId)
		.executeTakeFirst();
}

/**
 * The task must be this coalition's. When only a task is given, the activity takes the strategy
 * the task hangs from, so reports by strategy count it.
 */
async function resolveStrategy(
	db: Db,
	coalitionId: string,
	input: ActivityInput
): Promise<{ errors: FieldErrors; strategyCode: string | null }> {
	if (!input.taskId) return { errors: {}, strategyCode: input.strategyCode };
	const task = await db
		.selectFrom('action_task')
		.innerJoin('logic_model_item', 'logic_model_item.id', 'action_task.model_item_id')
		.select(['action_task.coalition_id', 'logic_model_item.strategy_code'])
		.where('action_task.id', '=', input.taskId)
		.executeTakeFirst();
	if (!task || task.coalition_id !== coalitionId) {
		return { errors: { taskId: 'not_found' }, strategyCode: null };
	}
	return { errors: {}, strategyCode: input.strategyCode ?? task.strategy_code };
}

function isUniqueViolation(e: unknown): boolean {
	const text = String((e as { code?: unknown })?.code ?? '') + String((e as Error)?.message ?? '');
	return /23505|SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint/i.test(text);
}

export async function logActivity(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>,
	today: string = todayInLima()
): Promise<LogResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(activitySchema(today), form, ACTIVITY_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const input = parsed.value;
	const values = formValues(form, ACTIVITY_FIELDS);
	if (input.clientDraftId) {
		const seen = await byDraft(db, coalitionId, input.clientDraftId);
		if (seen) return { status: 'ok', id: seen.id, duplicate: true };
	}
	try {
		return await db.transaction().execute(async (trx) => {
			const { errors, strategyCode } = await resolveStrategy(trx, coalitionId, input);
			if (hasErrors(errors)) return invalid(errors, values);
			const now = nowIso();
			const id = newId();
			await trx
				.insertInto('activity')
				.values({
					id,
					coalition_id: coalitionId,
					happened_on: input.happenedOn,
					description: input.description,
					task_id: input.taskId,
					strategy_code: strategyCode,
					kind: input.kind,
					reached_youth_f: input.reachedYouthF,
					reached_youth_m: input.reachedYouthM,
					reached_adult_f: input.reachedAdultF,
					reached_adult_m: input.reachedAdultM,
					reached_total: reachedTotal({
						youthF: input.reachedYouthF,
						youthM: input.reachedYouthM,
						adultF: input.reachedAdultF,
						adultM: input.reachedAdultM,
						total: input.reachedTotal
					}),
					sectors: input.sectors.join('|'),
					volunteers: input.volunteers,
					volunteer_hours: input.volunteerHours,
					media_coverage: input.mediaCoverage,
					resources: input.resources,
					in_kind_value: input.inKindValue,
					client_draft_id: input.clientDraftId,
					created_by: actor?.userId ?? null,
					created_at: now,
					updated_at: now
				})
				.execute();
			const row = await trx
				.selectFrom('activity')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			await recordAudit(trx, actor, {
				networkId: coalition.network_id,
				entityType: 'activity',
				entityId: id,
				entityLabel: coalition.name,
				action: 'create',
				after: activityAudit(row)
			});
			return { status: 'ok' as const, id, duplicate: false };
		});
	} catch (e) {
		// The same draft sent twice at once: the second insert loses the race to the unique index.
		if (input.clientDraftId && isUniqueViolation(e)) {
			const seen = await byDraft(db, coalitionId, input.clientDraftId);
			if (seen) return { status: 'ok', id: seen.id, duplicate: true };
		}
		throw e;
	}
}

/** The link an activity keeps to the plan: its task, the strategy, and the local condition. */
async function planLinks(db: Db, taskIds: string[]) {
	if (!taskIds.length) return new Map();
	const tasks = await db
		.selectFrom('action_task')
		.innerJoin('logic_model_item as item', 'item.id', 'action_task.model_item_id')
		.leftJoin('logic_model_item as parent', 'parent.id', 'item.parent_id')
		.select([
			'action_task.id',
			'action_task.title',
			'item.id as item_id',
			'item.kind as item_kind',
			'item.text_es as item_text_es',
			'item.text_en as item_text_en',
			'item.strategy_code as item_strategy',
			'parent.id as parent_id',
			'parent.kind as parent_kind',
			'parent.text_es as parent_text_es',
			'parent.text_en as parent_text_en'
		])
		.where('action_task.id', 'in', taskIds)
		.execute();
	return new Map(
		tasks.map((t) => {
			const strategy =
				t.item_kind === 'strategy'
					? { id: t.item_id, textEs: t.item_text_es, textEn: t.item_text_en, code: t.item_strategy }
					: null;
			const condition =
				t.item_kind === 'local_condition'
					? { id: t.item_id, textEs: t.item_text_es, textEn: t.item_text_en }
					: t.parent_kind === 'local_condition' && t.parent_id
						? { id: t.parent_id, textEs: t.parent_text_es, textEn: t.parent_text_en }
						: null;
			return [t.id, { task: { id: t.id, title: t.title }, strategy, localCondition: condition }];
		})
	);
}

export type PlanLink = {
	task: { id: string; title: string };
	strategy: {
		id: string;
		textEs: string | null;
		textEn: string | null;
		code: string | null;
	} | null;
	localCondition: { id: string; textEs: string | null; textEn: string | null } | null;
};

/** The coalition's log, newest first, a page at a time, with each activity's place in the plan. */
export async function listActivities(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	requestedPage = 1
) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const total = Number(
		(
			await db
				.selectFrom('activity')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('coalition_id', '=', coalitionId)
				.executeTakeFirstOrThrow()
		).n
	);
	const pages = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(requestedPage) || 1));
	const rows = await db
		.selectFrom('activity')
		.selectAll()
		.where('coalition_id', '=', coalitionId)
		.orderBy('happened_on', 'desc')
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(ACTIVITY_PAGE_SIZE)
		.offset((page - 1) * ACTIVITY_PAGE_SIZE)
		.execute();
	const links: Map<string, PlanLink> = await planLinks(
		db,
		rows.map((r) => r.task_id).filter((x): x is string => x !== null)
	);
	return {
		coalition: { id: coalition.id, name: coalition.name },
		activities: rows.map((a) => ({
			id: a.id,
			happenedOn: a.happened_on,
			description: a.description,
			kind: a.kind,
			strategyCode: a.strategy_code,
			reached: {
				youthF: a.reached_youth_f,
				youthM: a.reached_youth_m,
				adultF: a.reached_adult_f,
				adultM: a.reached_adult_m,
				total: a.reached_total
			},
			sectors: sectorsOf(a.sectors),
			volunteers: a.volunteers,
			volunteerHours: a.volunteer_hours,
			mediaCoverage: a.media_coverage,
			resources: a.resources,
			inKindValue: a.in_kind_value,
			plan: (a.task_id && links.get(a.task_id)) || null
		})),
		page,
		pages,
		total,
		pageSize: ACTIVITY_PAGE_SIZE,
		canEdit: canEditCoalition(actor, scope)
	};
}

/** One activity with its place in the plan (task → strategy → local condition). */
export async function activityTrail(db: Db, actor: Actor | null, activityId: string) {
	const row = await db
		.selectFrom('activity')
		.selectAll()
		.where('id', '=', activityId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('activity');
	await requireCoalition(db, actor, row.coalition_id, 'view').catch((e) => {
		throw e instanceof NotFoundError ? new NotFoundError('activity') : e;
	});
	const links: Map<string, PlanLink> = await planLinks(db, row.task_id ? [row.task_id] : []);
	return {
		id: row.id,
		coalitionId: row.coalition_id,
		happenedOn: row.happened_on,
		kind: row.kind,
		strategyCode: row.strategy_code,
		reachedTotal: row.reached_total,
		plan: (row.task_id && links.get(row.task_id)) || null
	};
}

/**
 * What the new-activity form offers: the plan's open tasks, each with the strategy and local
 * condition it serves, so the person logging picks the task and the rest follows.
 */
export async function newActivityForm(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	today: string = todayInLima()
) {
	await requireCoalition(db, actor, coalitionId, 'edit');
	const tasks = await db
		.selectFrom('action_task')
		.select(['id', 'title'])
		.where('coalition_id', '=', coalitionId)
		.where('status', '!=', 'dropped')
		.orderBy('title')
		.orderBy('id')
		.execute();
	const links: Map<string, PlanLink> = await planLinks(
		db,
		tasks.map((t) => t.id)
	);
	return {
		tasks: tasks.map((t) => ({ id: t.id, title: t.title, plan: links.get(t.id) ?? null })),
		values: { ...formValues({}, ACTIVITY_FIELDS), happenedOn: today, kind: 'community_action' }
	};
}
