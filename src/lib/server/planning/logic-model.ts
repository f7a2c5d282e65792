/**
 * A coalition's logic model, in versions. Editors draft; the hub (canActAsHub) approves. Approving
 * a version archives the one approved before it; approved and archived versions are never edited
 * again, so last year's plan reads the same after this year's is drafted.
 */
import { canActAsHub, canEditCoalition, type Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { chainError, ITEM_KINDS, type ItemKind } from '$lib/domain/planning';
import {
	ITEM_FIELDS,
	itemSchema,
	MODEL_FIELDS,
	modelSchema,
	type ItemInput
} from '$lib/domain/schemas/planning';
import { recordAudit } from '../audit/service';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { hasErrors, invalid, numText, type SaveResult, type UpdateResult } from './shared';

type ModelRow = {
	id: string;
	coalition_id: string;
	version: number;
	status: string;
	title: string;
	approved_on: string | null;
	created_at: string;
	updated_at: string;
};

type ItemRow = {
	id: string;
	model_id: string;
	kind: string;
	parent_id: string | null;
	origin_item_id: string | null;
	text_es: string | null;
	text_en: string | null;
	strategy_code: string | null;
	outcome_term: string | null;
	indicator_id: string | null;
	baseline_value: number | null;
	target_value: number | null;
	sort_order: number;
	created_at: string;
	updated_at: string;
};

// Item texts are the coalition's analysis, not personal data, but the trail keeps only the
// structure and codes so it stays small and readable as a diff.
function itemAudit(i: ItemRow) {
	return {
		modelId: i.model_id,
		kind: i.kind,
		parentId: i.parent_id,
		strategyCode: i.strategy_code,
		outcomeTerm: i.outcome_term,
		indicatorId: i.indicator_id,
		baselineValue: i.baseline_value,
		targetValue: i.target_value,
		sortOrder: i.sort_order
	};
}

function itemValues(i: ItemRow): Record<string, string> {
	return {
		kind: i.kind,
		parentId: i.parent_id ?? '',
		textEs: i.text_es ?? '',
		textEn: i.text_en ?? '',
		strategyCode: i.strategy_code ?? '',
		outcomeTerm: i.outcome_term ?? '',
		indicatorId: i.indicator_id ?? '',
		baselineValue: numText(i.baseline_value),
		targetValue: numText(i.target_value),
		sortOrder: String(i.sort_order),
		version: i.updated_at
	};
}

async function findModel(db: Db, id: string): Promise<ModelRow | undefined> {
	return db.selectFrom('logic_model').selectAll().where('id', '=', id).executeTakeFirst();
}

async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
	return db.selectFrom('logic_model_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The model and its coalition if the actor may see it (or edit it); else NotFoundError. */
async function requireModel(db: Db, actor: Actor | null, id: string, mode: 'view' | 'edit') {
	const model = await findModel(db, id);
	if (!model) throw new NotFoundError('logic_model');
	try {
		const found = await requireCoalition(db, actor, model.coalition_id, mode);
		return { model, ...found };
	} catch (e) {
		if (e instanceof NotFoundError) throw new NotFoundError('logic_model');
		throw e;
	}
}

/** Items in reading order: by kind along the chain, then by sort order and creation. */
function inReadingOrder(items: ItemRow[]): ItemRow[] {
	return [...items].sort(
		(a, b) =>
			ITEM_KINDS.indexOf(a.kind as ItemKind) - ITEM_KINDS.indexOf(b.kind as ItemKind) ||
			a.sort_order - b.sort_order ||
			a.created_at.localeCompare(b.created_at) ||
			a.id.localeCompare(b.id)
	);
}

async function itemsOf(db: Db, modelId: string): Promise<ItemRow[]> {
	return inReadingOrder(
		await db.selectFrom('logic_model_item').selectAll().where('model_id', '=', modelId).execute()
	);
}

/** Every version of a coalition's model, newest first. */
export async function listModels(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const models = await db
		.selectFrom('logic_model')
		.selectAll()
		.where('coalition_id', '=', coalitionId)
		.orderBy('version', 'desc')
		.execute();
	return {
		coalition: { id: coalition.id, name: coalition.name },
		models: models.map((m) => ({
			id: m.id,
			version: m.version,
			status: m.status,
			title: m.title,
			approvedOn: m.approved_on,
			updatedAt: m.updated_at
		})),
		canEdit: canEditCoalition(actor, scope),
		canApprove: canActAsHub(actor, scope),
		// One draft at a time: a second would split the coalition's planning in two.
		canStartVersion: canEditCoalition(actor, scope) && !models.some((m) => m.status === 'draft')
	};
}

/** One version with its items, in the order the one-page view reads them (left to right). */
export async function getModel(db: Db, actor: Actor | null, modelId: string) {
	const { model, coalition, scope } = await requireModel(db, actor, modelId, 'view');
	const items = await itemsOf(db, model.id);
	const indicatorIds = [...new Set(items.map((i) => i.indicator_id).filter((x) => x !== null))];
	const indicators = indicatorIds.length
		? await db
				.selectFrom('indicator')
				.select(['id', 'code', 'name_es', 'name_en', 'unit'])
				.where('id', 'in', indicatorIds)
				.execute()
		: [];
	const editable = model.status === 'draft' && canEditCoalition(actor, scope);
	return {
		indicatorOptions: editable
			? await outcomeIndicatorOptions(db, coalition.network_id, coalition.id)
			: [],
		coalition: { id: coalition.id, name: coalition.name },
		model: {
			id: model.id,
			version: model.version,
			status: model.status,
			title: model.title,
			approvedOn: model.approved_on,
			updatedAt: model.updated_at
		},
		items: items.map((i) => ({
			id: i.id,
			kind: i.kind as ItemKind,
			parentId: i.parent_id,
			textEs: i.text_es,
			textEn: i.text_en,
			strategyCode: i.strategy_code,
			outcomeTerm: i.outcome_term,
			indicator: indicators.find((x) => x.id === i.indicator_id) ?? null,
			baselineValue: i.baseline_value,
			targetValue: i.target_value,
			sortOrder: i.sort_order,
			values: itemValues(i)
		})),
		columns: ITEM_KINDS.map((kind) => ({
			kind,
			itemIds: items.filter((i) => i.kind === kind).map((i) => i.id)
		})),
		canEdit: editable,
		canApprove: model.status === 'draft' && canActAsHub(actor, scope)
	};
}

/**
 * Starts a new draft version, copying the items of the newest version so the coalition revises
 * its plan instead of retyping it. Refused while another draft exists.
 */
export async function createModelVersion(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(modelSchema, form, MODEL_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, MODEL_FIELDS);
	return db.transaction().execute(async (trx) => {
		const models = await trx
			.selectFrom('logic_model')
			.selectAll()
			.where('coalition_id', '=', coalitionId)
			.orderBy('version', 'desc')
			.execute();
		if (models.some((m) => m.status === 'draft')) return invalid({ title: 'draft_exists' }, values);
		const source = models.find((m) => m.status === 'approved') ?? models[0];
		const now = nowIso();
		const id = newId();
		const version = (models[0]?.version ?? 0) + 1;
		await trx
			.insertInto('logic_model')
			.values({
				id,
				coalition_id: coalitionId,
				version,
				status: 'draft',
				title: parsed.value.title,
				approved_on: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		if (source) {
			// Parents before children (reading order follows the chain), so every parent_id exists.
			const items = await itemsOf(trx, source.id);
			const newIds = new Map(items.map((i) => [i.id, newId()]));
			for (const i of items) {
				await trx
					.insertInto('logic_model_item')
					.values({
						...i,
						id: newIds.get(i.id)!,
						model_id: id,
						parent_id: i.parent_id ? (newIds.get(i.parent_id) ?? null) : null,
						origin_item_id: i.id,
						created_at: now,
						updated_at: now
					})
					.execute();
			}
		}
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model',
			entityId: id,
			entityLabel: parsed.value.title,
			action: 'create',
			after: { coalitionId, version, status: 'draft', copiedFrom: source?.id ?? null }
		});
		return { status: 'ok' as const, id };
	});
}

/** The draft's title; approved versions keep theirs. */
export async function renameModel(
	db: Db,
	actor: Actor | null,
	modelId: string,
	form: Record<string, unknown>
): Promise<UpdateResult> {
	const { model, coalition } = await requireModel(db, actor, modelId, 'edit');
	const parsed = parseForm(modelSchema, form, MODEL_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, MODEL_FIELDS);
	if (model.status !== 'draft') return invalid({ title: 'model_locked' }, values);
	if (parsed.value.version && parsed.value.version !== model.updated_at) {
		return { status: 'stale', values };
	}
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('logic_model')
			.set({ title: parsed.value.title, updated_at: nowIso() })
			.where('id', '=', modelId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model',
			entityId: modelId,
			entityLabel: parsed.value.title,
			action: 'update',
			before: { title: model.title },
			after: { title: parsed.value.title }
		});
	});
	return { status: 'ok', id: modelId };
}

/**
 * Indicators an outcome may be tied to: the network's catalog (core measures and its own), each
 * with the baseline and target the coalition recorded for it, if any.
 */
export async function outcomeIndicatorOptions(db: Db, networkId: string, coalitionId: string) {
	const indicators = await db
		.selectFrom('indicator')
		.leftJoin('indicator_target', (join) =>
			join
				.onRef('indicator_target.indicator_id', '=', 'indicator.id')
				.on('indicator_target.coalition_id', '=', coalitionId)
		)
		.select([
			'indicator.id',
			'indicator.code',
			'indicator.name_es',
			'indicator.name_en',
			'indicator.unit',
			'indicator_target.baseline_value',
			'indicator_target.target_value'
		])
		.where((eb) =>
			eb.or([eb('indicator.network_id', 'is', null), eb('indicator.network_id', '=', networkId)])
		)
		.where('indicator.archived_at', 'is', null)
		.orderBy('indicator.kind')
		.orderBy('indicator.code')
		.execute();
	return indicators.map((i) => ({
		value: i.id,
		code: i.code,
		nameEs: i.name_es,
		nameEn: i.name_en,
		unit: i.unit,
		baselineValue: i.baseline_value,
		targetValue: i.target_value
	}));
}

/**
 * An outcome tied to an indicator without a baseline or target takes the ones the coalition
 * already recorded for that indicator in its local data, so nobody types them twice.
 */
async function withRecordedTarget(db: Db, coalitionId: string, input: ItemInput) {
	if (input.kind !== 'outcome' || !input.indicatorId) return input;
	if (input.baselineValue !== null && input.targetValue !== null) return input;
	const target = await db
		.selectFrom('indicator_target')
		.select(['baseline_value', 'target_value'])
		.where('coalition_id', '=', coalitionId)
		.where('indicator_id', '=', input.indicatorId)
		.executeTakeFirst();
	return {
		...input,
		baselineValue: input.baselineValue ?? target?.baseline_value ?? null,
		targetValue: input.targetValue ?? target?.target_value ?? null
	};
}

/** Parent in the same model and allowed by the chain; the indicator in the network's catalog. */
async function itemErrors(
	db: Db,
	model: ModelRow,
	networkId: string,
	input: ItemInput,
	selfId: string | null
): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	let parentKind: ItemKind | null = null;
	if (input.parentId) {
		const parent = await findItem(db, input.parentId);
		if (!parent || parent.model_id !== model.id || parent.id === selfId) {
			errors.parentId = 'not_found';
		} else parentKind = parent.kind as ItemKind;
	}
	if (!errors.parentId && chainError(input.kind, parentKind)) errors.parentId = 'parent_invalid';
	if (selfId) {
		const children = await db
			.selectFrom('logic_model_item')
			.select('kind')
			.where('parent_id', '=', selfId)
			.execute();
		if (children.some((c) => chainError(c.kind as ItemKind, input.kind))) {
			errors.kind = 'parent_invalid';
		}
	}
	if (input.indicatorId) {
		const indicator = await db
			.selectFrom('indicator')
			.select(['id', 'network_id'])
			.where('id', '=', input.indicatorId)
			.executeTakeFirst();
		if (!indicator || (indicator.network_id !== null && indicator.network_id !== networkId)) {
			errors.indicatorId = 'not_found';
		}
	}
	return errors;
}

function itemColumns(input: ItemInput) {
	return {
		kind: input.kind,
		parent_id: input.parentId,
		text_es: input.textEs,
		text_en: input.textEn,
		strategy_code: input.strategyCode,
		outcome_term: input.outcomeTerm,
		indicator_id: input.indicatorId,
		baseline_value: input.baselineValue,
		target_value: input.targetValue,
		sort_order: input.sortOrder ?? 0
	};
}

async function touchModel(db: Db, modelId: string, now: string) {
	await db.updateTable('logic_model').set({ updated_at: now }).where('id', '=', modelId).execute();
}

export async function addItem(
	db: Db,
	actor: Actor | null,
	modelId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { model, coalition } = await requireModel(db, actor, modelId, 'edit');
	const parsed = parseForm(itemSchema, form, ITEM_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, ITEM_FIELDS);
	if (model.status !== 'draft') return invalid({ _form: 'model_locked' }, values);
	return db.transaction().execute(async (trx) => {
		const errors = await itemErrors(trx, model, coalition.network_id, parsed.value, null);
		if (hasErrors(errors)) return invalid(errors, values);
		const input = await withRecordedTarget(trx, coalition.id, parsed.value);
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('logic_model_item')
			.values({
				id,
				model_id: modelId,
				origin_item_id: null,
				...itemColumns(input),
				created_at: now,
				updated_at: now
			})
			.execute();
		await touchModel(trx, modelId, now);
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model_item',
			entityId: id,
			entityLabel: model.title,
			action: 'create',
			after: itemAudit((await findItem(trx, id))!)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateItem(
	db: Db,
	actor: Actor | null,
	itemId: string,
	form: Record<string, unknown>
): Promise<UpdateResult> {
	const item = await findItem(db, itemId);
	if (!item) throw new NotFoundError('logic_model_item');
	const { model, coalition } = await requireModel(db, actor, item.model_id, 'edit');
	const parsed = parseForm(itemSchema, form, ITEM_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, ITEM_FIELDS);
	if (model.status !== 'draft') return invalid({ _form: 'model_locked' }, values);
	if (parsed.value.version && parsed.value.version !== item.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await itemErrors(trx, model, coalition.network_id, parsed.value, itemId);
		if (hasErrors(errors)) return invalid(errors, values);
		const now = nowIso();
		await trx
			.updateTable('logic_model_item')
			.set({ ...itemColumns(parsed.value), updated_at: now })
			.where('id', '=', itemId)
			.execute();
		await touchModel(trx, model.id, now);
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model_item',
			entityId: itemId,
			entityLabel: model.title,
			action: 'update',
			before: itemAudit(item),
			after: itemAudit((await findItem(trx, itemId))!)
		});
		return { status: 'ok' as const, id: itemId };
	});
}

/**
 * Removes a draft's item with everything that hangs from it. Refused while a task or a recorded
 * change points at one of them: those records would lose their place in the plan.
 */
export async function removeItem(
	db: Db,
	actor: Actor | null,
	itemId: string
): Promise<{ status: 'ok' } | { status: 'refused'; code: 'model_locked' | 'item_in_use' }> {
	const item = await findItem(db, itemId);
	if (!item) throw new NotFoundError('logic_model_item');
	const { model, coalition } = await requireModel(db, actor, item.model_id, 'edit');
	if (model.status !== 'draft') return { status: 'refused', code: 'model_locked' };
	return db.transaction().execute(async (trx) => {
		const all = await trx
			.selectFrom('logic_model_item')
			.select(['id', 'parent_id'])
			.where('model_id', '=', model.id)
			.execute();
		const doomed = new Set([itemId]);
		for (let grew = true; grew;) {
			grew = false;
			for (const i of all) {
				if (i.parent_id && doomed.has(i.parent_id) && !doomed.has(i.id)) {
					doomed.add(i.id);
					grew = true;
				}
			}
		}
		const ids = [...doomed];
		const task = await trx
			.selectFrom('action_task')
			.select('id')
			.where('model_item_id', 'in', ids)
			.executeTakeFirst();
		const change = await trx
			.selectFrom('community_change')
			.select('id')
			.where('local_condition_item_id', 'in', ids)
			.executeTakeFirst();
		if (task || change) return { status: 'refused' as const, code: 'item_in_use' as const };
		// Children first: not every database cascades the self-reference in the same statement.
		const depth = (id: string): number => {
			const parent = all.find((i) => i.id === id)?.parent_id;
			return parent ? 1 + depth(parent) : 0;
		};
		for (const id of ids.sort((a, b) => depth(b) - depth(a))) {
			await trx.deleteFrom('logic_model_item').where('id', '=', id).execute();
		}
		await touchModel(trx, model.id, nowIso());
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model_item',
			entityId: itemId,
			entityLabel: model.title,
			action: 'delete',
			before: { ...itemAudit(item), removedWithIt: ids.length - 1 }
		});
		return { status: 'ok' as const };
	});
}

/**
 * The hub approves a draft on `today` ('YYYY-MM-DD'); the version approved before it is archived
 * (still readable). A draft without a single item is refused: there is nothing to approve.
 */
export async function approveModel(
	db: Db,
	actor: Actor | null,
	modelId: string,
	today: string
): Promise<{ status: 'ok' } | { status: 'refused'; code: 'transition_invalid' | 'model_empty' }> {
	const { model, coalition, scope } = await requireModel(db, actor, modelId, 'view');
	if (!canActAsHub(actor, scope)) throw new NotFoundError('logic_model');
	if (model.status !== 'draft') return { status: 'refused', code: 'transition_invalid' };
	return db.transaction().execute(async (trx) => {
		const items = await trx
			.selectFrom('logic_model_item')
			.select('id')
			.where('model_id', '=', modelId)
			.executeTakeFirst();
		if (!items) return { status: 'refused' as const, code: 'model_empty' as const };
		const now = nowIso();
		const previous = await trx
			.selectFrom('logic_model')
			.select(['id', 'title'])
			.where('coalition_id', '=', model.coalition_id)
			.where('status', '=', 'approved')
			.execute();
		for (const p of previous) {
			await trx
				.updateTable('logic_model')
				.set({ status: 'archived', updated_at: now })
				.where('id', '=', p.id)
				.execute();
			await recordAudit(trx, actor, {
				networkId: coalition.network_id,
				entityType: 'logic_model',
				entityId: p.id,
				entityLabel: p.title,
				action: 'archive',
				before: { status: 'approved' },
				after: { status: 'archived', replacedBy: modelId }
			});
		}
		await trx
			.updateTable('logic_model')
			.set({ status: 'approved', approved_on: today, updated_at: now })
			.where('id', '=', modelId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'logic_model',
			entityId: modelId,
			entityLabel: model.title,
			action: 'approve',
			before: { status: 'draft', approvedOn: null },
			after: { status: 'approved', approvedOn: today }
		});
		return { status: 'ok' as const };
	});
}

/**
 * Strategies and local conditions a task may hang from: those of the coalition's versions still
 * in force (approved, or the draft being prepared), and `keepItemId` whatever its version, so a
 * task made under an archived plan can be edited without losing its link.
 */
export async function taskItemOptions(db: Db, coalitionId: string, keepItemId?: string) {
	const rows = await db
		.selectFrom('logic_model_item')
		.innerJoin('logic_model', 'logic_model.id', 'logic_model_item.model_id')
		.select([
			'logic_model_item.id',
			'logic_model_item.kind',
			'logic_model_item.text_es',
			'logic_model_item.text_en',
			'logic_model_item.strategy_code',
			'logic_model.version',
			'logic_model.status as model_status'
		])
		.where('logic_model.coalition_id', '=', coalitionId)
		.where((eb) => {
			const inForce = eb('logic_model.status', '!=', 'archived');
			return keepItemId ? eb.or([inForce, eb('logic_model_item.id', '=', keepItemId)]) : inForce;
		})
		.where('logic_model_item.kind', 'in', ['strategy', 'local_condition'])
		.orderBy('logic_model.version', 'desc')
		.orderBy('logic_model_item.kind')
		.orderBy('logic_model_item.sort_order')
		.orderBy('logic_model_item.id')
		.execute();
	return rows.map((r) => ({
		value: r.id,
		kind: r.kind,
		textEs: r.text_es,
		textEn: r.text_en,
		strategyCode: r.strategy_code,
		version: r.version,
		modelStatus: r.model_status
	}));
}

/** Local conditions a recorded change may address (any version: a change outlives plans). */
export async function localConditionOptions(db: Db, coalitionId: string) {
	return db
		.selectFrom('logic_model_item')
		.innerJoin('logic_model', 'logic_model.id', 'logic_model_item.model_id')
		.select([
			'logic_model_item.id as value',
			'logic_model_item.text_es as textEs',
			'logic_model_item.text_en as textEn',
			'logic_model.version'
		])
		.where('logic_model.coalition_id', '=', coalitionId)
		.where('logic_model_item.kind', '=', 'local_condition')
		.orderBy('logic_model.version', 'desc')
		.orderBy('logic_model_item.sort_order')
		.orderBy('logic_model_item.id')
		.execute();
}
