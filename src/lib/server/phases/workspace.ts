/**
 * The program's phases as administrators edit them and every role in the network reads them.
 * Phases are history: they are never archived, and deleted only while nothing refers to them.
 */
import { canEditStructure, canEnterNetwork, type Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import type { GoalMetric } from '$lib/domain/network';
import { placePath, type PlaceNode } from '$lib/domain/places';
import {
	GOAL_ROWS,
	goalsOf,
	goalsText,
	joinIds,
	PHASE_FIELDS,
	phaseSchema,
	type PhaseGoalInput,
	type PhaseInput
} from '$lib/domain/schemas/phase';
import { normalizeForSearch } from '$lib/domain/text';
import { historyOf, recordAudit } from '../audit/service';
import type { Db } from '../db';
import type { PhaseGoalRow, PhaseRow } from '../db/types';
import { NotFoundError } from '../errors';
import { jsonBody } from '../http/api';
import { newId, nowIso } from '../ids';

export const PAGE_SIZE = 25;

interface PhaseRecord {
	phase: PhaseRow;
	goals: PhaseGoalRow[];
	targetPlaceIds: string[];
}

async function findPhase(db: Db, id: string): Promise<PhaseRecord | undefined> {
	const phase = await db.selectFrom('phase').selectAll().where('id', '=', id).executeTakeFirst();
	if (!phase) return undefined;
	const goals = await db
		.selectFrom('phase_goal')
		.selectAll()
		.where('phase_id', '=', id)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	const places = await db
		.selectFrom('phase_place')
		.select('place_id')
		.where('phase_id', '=', id)
		.execute();
	return { phase, goals, targetPlaceIds: places.map((p) => p.place_id).sort() };
}

/** The phase if the actor may see it (or edit it, with `edit`), else NotFoundError. */
export async function requirePhase(
	db: Db,
	actor: Actor | null,
	id: string,
	mode: 'view' | 'edit'
): Promise<PhaseRecord> {
	const record = await findPhase(db, id);
	if (!record) throw new NotFoundError('phase');
	const networkId = record.phase.network_id;
	const allowed =
		mode === 'edit' ? canEditStructure(actor, networkId) : canEnterNetwork(actor, networkId);
	if (!allowed) throw new NotFoundError('phase');
	return record;
}

async function placeNodes(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('place')
		.select(['id', 'parent_id', 'kind', 'name', 'archived_at'])
		.where('network_id', '=', networkId)
		.execute();
	const byId = new Map<string, PlaceNode>(
		rows.map((p) => [
			p.id,
			{ id: p.id, parentId: p.parent_id, kind: p.kind as PlaceNode['kind'], name: p.name }
		])
	);
	return { rows, byId };
}

function pathLabel(id: string, byId: Map<string, PlaceNode>): string {
	return placePath(id, byId)
		.map((p) => p.name)
		.join(' › ');
}

export const PHASE_SORTS = ['number', '-number', 'name', '-name'] as const;
export type PhaseSort = (typeof PHASE_SORTS)[number];

export interface PhaseListQuery {
	q?: string;
	/** only phases running in this year */
	year?: string;
	sort?: string;
	page?: number;
}

/**
 * A network has a handful of phases and they carry no search column, so they are searched,
 * sorted and paged here rather than in SQL.
 */
export async function listPhasesFor(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: PhaseListQuery
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const sort = PHASE_SORTS.includes(query.sort as PhaseSort) ? (query.sort as PhaseSort) : 'number';
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);
	const term = normalizeForSearch(query.q ?? '').slice(0, 100);
	const year = /^\d{4}$/.test(query.year?.trim() ?? '') ? Number(query.year) : null;

	let base = db.selectFrom('phase').where('phase.network_id', '=', networkId);
	if (year !== null) {
		base = base
			.where('phase.start_year', '<=', year)
			.where((eb) => eb.or([eb('phase.end_year', 'is', null), eb('phase.end_year', '>=', year)]));
	}
	const phases = await base
		.select([
			'phase.id',
			'phase.number',
			'phase.name_es',
			'phase.name_en',
			'phase.start_year',
			'phase.end_year',
			(eb) =>
				eb
					.selectFrom('coalition')
					.select((c) => c.fn.countAll<number>().as('n'))
					.whereRef('coalition.phase_id', '=', 'phase.id')
					.where('coalition.status', '!=', 'archived')
					.as('coalitions')
		])
		.execute();
	const matching = phases
		.filter((p) => !term || normalizeForSearch(`${p.name_es} ${p.name_en ?? ''}`).includes(term))
		.sort((a, b) =>
			sort.endsWith('name')
				? normalizeForSearch(a.name_es).localeCompare(normalizeForSearch(b.name_es), 'es') ||
					a.number - b.number
				: a.number - b.number
		);
	if (sort.startsWith('-')) matching.reverse();
	const total = matching.length;
	const pageRows = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
	const ids = pageRows.length ? pageRows.map((p) => p.id) : [''];
	const goals = await db
		.selectFrom('phase_goal')
		.select(['phase_id', 'metric', 'target', 'by_year'])
		.where('phase_id', 'in', ids)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	const targets = await db
		.selectFrom('phase_place')
		.innerJoin('place', 'place.id', 'phase_place.place_id')
		.select(['phase_place.phase_id', 'place.name'])
		.where('phase_place.phase_id', 'in', ids)
		.orderBy('place.name')
		.execute();
	return {
		rows: pageRows.map((p) => ({
			id: p.id,
			number: p.number,
			nameEs: p.name_es,
			nameEn: p.name_en,
			startYear: p.start_year,
			endYear: p.end_year,
			coalitions: Number(p.coalitions ?? 0),
			goals: goals
				.filter((g) => g.phase_id === p.id)
				.map((g) => ({ metric: g.metric as GoalMetric, target: g.target, byYear: g.by_year })),
			targetPlaces: targets.filter((t) => t.phase_id === p.id).map((t) => t.name)
		})),
		total,
		page,
		pageSize: PAGE_SIZE,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		sort,
		canCreate: canEditStructure(actor, networkId)
	};
}

/**
 * The places a phase may target: the network's current places, plus any archived place it
 * already targets (left out, it would be dropped silently on the next save).
 */
export async function phaseFormOptions(db: Db, networkId: string, targeted: string[] = []) {
	const { rows, byId } = await placeNodes(db, networkId);
	return {
		places: rows
			.filter((p) => p.archived_at === null || targeted.includes(p.id))
			.map((p) => ({ value: p.id, label: pathLabel(p.id, byId) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'es'))
	};
}

function toFormValues(r: PhaseRecord): Record<string, string> {
	const values: Record<string, string> = {
		number: String(r.phase.number),
		nameEs: r.phase.name_es,
		nameEn: r.phase.name_en ?? '',
		startYear: String(r.phase.start_year),
		endYear: r.phase.end_year === null ? '' : String(r.phase.end_year),
		summaryEs: r.phase.summary_es ?? '',
		summaryEn: r.phase.summary_en ?? '',
		targetPlaceIds: joinIds(r.targetPlaceIds),
		version: r.phase.updated_at
	};
	for (const i of GOAL_ROWS) {
		const goal = r.goals[i - 1];
		values[`goalMetric${i}`] = goal?.metric ?? '';
		values[`goalTarget${i}`] = goal ? String(goal.target) : '';
		values[`goalByYear${i}`] = goal?.by_year == null ? '' : String(goal.by_year);
	}
	return values;
}

/** What the audit trail keeps of a phase: its editable fields, goals and target places by name. */
async function auditShape(db: Db, r: PhaseRecord) {
	const names = r.targetPlaceIds.length
		? await db.selectFrom('place').select('name').where('id', 'in', r.targetPlaceIds).execute()
		: [];
	return {
		number: r.phase.number,
		nameEs: r.phase.name_es,
		nameEn: r.phase.name_en,
		startYear: r.phase.start_year,
		endYear: r.phase.end_year,
		summaryEs: r.phase.summary_es,
		summaryEn: r.phase.summary_en,
		goals: goalsText(r.goals),
		targetPlaces: names
			.map((n) => n.name)
			.sort((a, b) => a.localeCompare(b, 'es'))
			.join(', ')
	};
}

/** Who still refers to a phase: deleting it would leave them pointing at nothing. */
async function phaseUsage(db: Db, id: string) {
	const coalitions = await db
		.selectFrom('coalition')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('phase_id', '=', id)
		.executeTakeFirstOrThrow();
	const partners = await db
		.selectFrom('partner_role')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('phase_id', '=', id)
		.executeTakeFirstOrThrow();
	return { coalitions: Number(coalitions.n), partners: Number(partners.n) };
}

export async function phaseForEdit(db: Db, actor: Actor | null, id: string) {
	const record = await requirePhase(db, actor, id, 'view');
	const { phase } = record;
	const canEdit = canEditStructure(actor, phase.network_id);
	const usage = await phaseUsage(db, id);
	return {
		phase: { id: phase.id, number: phase.number, nameEs: phase.name_es, nameEn: phase.name_en },
		values: toFormValues(record),
		canEdit,
		usage,
		canDelete: canEdit && usage.coalitions === 0 && usage.partners === 0,
		options: await phaseFormOptions(db, phase.network_id, record.targetPlaceIds),
		history: await historyOf(db, 'phase', id)
	};
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** The multi-value field travels as one text; callers may hand it over as an array. */
function withJoinedIds(form: Record<string, unknown>): Record<string, unknown> {
	return { ...form, targetPlaceIds: joinIds(form.targetPlaceIds) };
}

/**
 * A JSON body for the phase endpoints: jsonBody keeps text fields only, and the target places
 * come as an array (or as comma-separated text, the way the form sends them). Null if not JSON.
 */
export async function phaseJsonBody(request: Request): Promise<Record<string, string> | null> {
	const raw: unknown = await request
		.clone()
		.json()
		.catch(() => null);
	const body = await jsonBody(request);
	if (body && raw && typeof raw === 'object' && 'targetPlaceIds' in raw) {
		body.targetPlaceIds = joinIds(raw.targetPlaceIds);
	}
	return body;
}

/** The number is the phase's name in daily use, so it is unique per network. */
async function checkReferences(
	db: Db,
	networkId: string,
	input: PhaseInput,
	selfId: string | null
): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	const taken = await db
		.selectFrom('phase')
		.select('id')
		.where('network_id', '=', networkId)
		.where('number', '=', input.number)
		.executeTakeFirst();
	if (taken && taken.id !== selfId) errors.number = 'number_taken';
	if (input.targetPlaceIds.length) {
		const found = await db
			.selectFrom('place')
			.select('id')
			.where('network_id', '=', networkId)
			.where('id', 'in', input.targetPlaceIds)
			.execute();
		if (found.length !== input.targetPlaceIds.length) errors.targetPlaceIds = 'not_found';
	}
	return errors;
}

function columnsOf(input: PhaseInput) {
	return {
		number: input.number,
		name_es: input.nameEs,
		name_en: input.nameEn,
		start_year: input.startYear,
		end_year: input.endYear,
		summary_es: input.summaryEs,
		summary_en: input.summaryEn
	};
}

/**
 * Goals and target places are replaced as a whole. A goal that did not change keeps the source
 * text it was stated with, so editing a phase does not erase where its numbers came from.
 */
async function replaceGoalsAndPlaces(
	db: Db,
	phaseId: string,
	goals: PhaseGoalInput[],
	placeIds: string[],
	previous: PhaseGoalRow[] = []
): Promise<void> {
	const unused = [...previous];
	await db.deleteFrom('phase_goal').where('phase_id', '=', phaseId).execute();
	for (const [i, goal] of goals.entries()) {
		const same = unused.findIndex(
			(g) => g.metric === goal.metric && g.target === goal.target && g.by_year === goal.byYear
		);
		const sourceText = same >= 0 ? unused.splice(same, 1)[0].source_text : null;
		await db
			.insertInto('phase_goal')
			.values({
				id: newId(),
				phase_id: phaseId,
				metric: goal.metric,
				target: goal.target,
				by_year: goal.byYear,
				source_text: sourceText,
				sort_order: i
			})
			.execute();
	}
	await db.deleteFrom('phase_place').where('phase_id', '=', phaseId).execute();
	for (const placeId of placeIds) {
		await db.insertInto('phase_place').values({ phase_id: phaseId, place_id: placeId }).execute();
	}
}

export async function createPhase(
	db: Db,
	actor: Actor | null,
	networkId: string,
	input: Record<string, unknown>
): Promise<SaveResult> {
	if (!canEditStructure(actor, networkId)) throw new NotFoundError('network');
	const form = withJoinedIds(input);
	const parsed = parseForm(phaseSchema, form, PHASE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PHASE_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, networkId, parsed.value, null);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('phase')
			.values({
				id,
				network_id: networkId,
				...columnsOf(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		await replaceGoalsAndPlaces(trx, id, goalsOf(parsed.value), parsed.value.targetPlaceIds);
		const created = (await findPhase(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'phase',
			entityId: id,
			entityLabel: `${created.phase.number}. ${created.phase.name_es}`,
			action: 'create',
			after: await auditShape(trx, created)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updatePhase(
	db: Db,
	actor: Actor | null,
	id: string,
	input: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const before = await requirePhase(db, actor, id, 'edit');
	const networkId = before.phase.network_id;
	const form = withJoinedIds(input);
	const parsed = parseForm(phaseSchema, form, PHASE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PHASE_FIELDS);
	const seen = parsed.value.version || before.phase.updated_at;
	if (seen !== before.phase.updated_at) return { status: 'stale', values };
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, networkId, parsed.value, id);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		// The version is checked again by the write itself, so a save that raced another loses.
		const written = await trx
			.updateTable('phase')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', id)
			.where('updated_at', '=', seen)
			.executeTakeFirst();
		if (Number(written.numUpdatedRows) === 0) return { status: 'stale' as const, values };
		await replaceGoalsAndPlaces(
			trx,
			id,
			goalsOf(parsed.value),
			parsed.value.targetPlaceIds,
			before.goals
		);
		const after = (await findPhase(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'phase',
			entityId: id,
			entityLabel: `${after.phase.number}. ${after.phase.name_es}`,
			action: 'update',
			before: await auditShape(trx, before),
			after: await auditShape(trx, after)
		});
		return { status: 'ok' as const, id };
	});
}

export type DeleteResult =
	{ status: 'ok' } | { status: 'in_use'; coalitions: number; partners: number };

/**
 * Only a phase nothing refers to can go (one made by mistake); its goals and target places go
 * with it, and the audit trail keeps what it was.
 */
export async function deletePhase(db: Db, actor: Actor | null, id: string): Promise<DeleteResult> {
	await requirePhase(db, actor, id, 'edit');
	return db.transaction().execute(async (trx): Promise<DeleteResult> => {
		const record = await findPhase(trx, id);
		if (!record) throw new NotFoundError('phase');
		const usage = await phaseUsage(trx, id);
		if (usage.coalitions || usage.partners) return { status: 'in_use', ...usage };
		const before = await auditShape(trx, record);
		await trx.deleteFrom('phase_goal').where('phase_id', '=', id).execute();
		await trx.deleteFrom('phase_place').where('phase_id', '=', id).execute();
		await trx.deleteFrom('phase').where('id', '=', id).execute();
		await recordAudit(trx, actor, {
			networkId: record.phase.network_id,
			entityType: 'phase',
			entityId: id,
			entityLabel: `${record.phase.number}. ${record.phase.name_es}`,
			action: 'delete',
			before
		});
		return { status: 'ok' };
	});
}

/** The number a new phase most likely gets: one after the highest so far. */
export async function nextPhaseNumber(db: Db, networkId: string): Promise<number> {
	const numbers = await db
		.selectFrom('phase')
		.select('number')
		.where('network_id', '=', networkId)
		.execute();
	return Math.min(99, Math.max(0, ...numbers.map((p) => p.number)) + 1);
}
