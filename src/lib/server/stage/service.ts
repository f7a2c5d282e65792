/**
 * A coalition's development stage and its five planning products, and the network's view of
 * them. Access first (a coalition outside the actor's scope answers like a missing one), then the
 * form, then the rules in domain/stage.ts, then one transaction with its audit record.
 */
import type { Selectable } from 'kysely';
import {
	canActAsHub,
	canEditCoalition,
	canEnterNetwork,
	canViewCoalition,
	isNetworkAdmin,
	type Actor,
	type CoalitionScope
} from '$lib/domain/access';
import {
	PLANNING_PRODUCTS,
	PRODUCT_STATUSES,
	SPF_STAGES,
	type PlanningProduct,
	type ProductStatus,
	type SpfStage
} from '$lib/domain/capacity';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { placePath } from '$lib/domain/places';
import {
	PRODUCT_UPDATE_FIELDS,
	productUpdateSchema,
	STAGE_FIELDS,
	stageSchema
} from '$lib/domain/schemas/stage';
import {
	allProducts,
	calendarDate,
	checkProductUpdate,
	datesAfter,
	isPlanningProduct,
	isProductStatus,
	isSpfStage,
	stageProgress,
	stageWarning,
	stepsFor,
	type ProductAction,
	type StageRights,
	type StageWarning
} from '$lib/domain/stage';
import { recordAudit } from '../audit/service';
import { mapCoalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import type { PlanningProductTable } from '../db/types';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { listPlaces } from '../places/queries';

type ProductRow = Selectable<PlanningProductTable>;

function rightsOf(actor: Actor | null, scope: CoalitionScope): StageRights {
	return { canEdit: canEditCoalition(actor, scope), isHub: canActAsHub(actor, scope) };
}

function stageOf(value: string | null): SpfStage | null {
	return isSpfStage(value) ? value : null;
}

async function productRows(db: Db, coalitionId: string): Promise<ProductRow[]> {
	return db
		.selectFrom('planning_product')
		.selectAll()
		.where('coalition_id', '=', coalitionId)
		.execute();
}

/** The stage page: the SPF step, the five products with their reviews, and what the actor may do. */
export async function coalitionStage(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const rights = rightsOf(actor, scope);
	const rows = await productRows(db, coalitionId);
	const reviews = await db
		.selectFrom('product_review')
		.innerJoin('planning_product', 'planning_product.id', 'product_review.product_id')
		.select([
			'product_review.id',
			'product_review.product_id',
			'product_review.author_label',
			'product_review.status_after',
			'product_review.body',
			'product_review.created_at'
		])
		.where('planning_product.coalition_id', '=', coalitionId)
		.orderBy('product_review.created_at')
		.orderBy('product_review.id')
		.execute();
	const spfStage = stageOf(coalition.spf_stage);
	return {
		coalition: { id: coalition.id, name: coalition.name },
		spfStage,
		warning: stageWarning(spfStage, rows),
		progress: stageProgress(rows),
		canEdit: rights.canEdit,
		isHub: rights.isHub,
		products: allProducts(rows).map(({ product, status }) => {
			const row = rows.find((r) => r.product === product);
			return {
				product,
				status,
				documentUrl: row?.document_url ?? null,
				startedOn: row?.started_on ?? null,
				submittedOn: row?.submitted_on ?? null,
				approvedOn: row?.approved_on ?? null,
				version: row?.updated_at ?? '',
				reviews: reviews
					.filter((r) => row && r.product_id === row.id)
					.map((r) => ({
						id: r.id,
						author: r.author_label,
						statusAfter: isProductStatus(r.status_after) ? r.status_after : null,
						body: r.body,
						createdAt: r.created_at
					})),
				steps: stepsFor(status, rights).map((s) => ({
					action: s.action,
					to: s.to,
					setsDocument: s.setsDocument,
					needsDocument: s.needsDocument,
					needsComment: s.needsComment
				}))
			};
		})
	};
}

/** For the coalition's "at a glance" box: the SPF step and how far the products have come. */
export async function stageSummary(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'view');
	const rows = await productRows(db, coalitionId);
	const spfStage = stageOf(coalition.spf_stage);
	const progress = stageProgress(rows);
	return {
		spfStage,
		approved: progress.approved,
		total: progress.total,
		nextProduct: progress.next,
		warning: stageWarning(spfStage, rows)
	};
}

export type StageWriteResult =
	| { status: 'ok'; warning: StageWarning | null }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/**
 * Any step may follow any other (the framework is a cycle); the answer carries the warning the
 * page shows when planning starts without a submitted community assessment.
 */
export async function setSpfStage(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<StageWriteResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(stageSchema, form, STAGE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const before = stageOf(coalition.spf_stage);
	const after = parsed.value.spfStage;
	return db.transaction().execute(async (trx) => {
		if (after !== before) {
			// updated_at stays: the registry form does not carry the stage, so an open one is not stale.
			await trx
				.updateTable('coalition')
				.set({ spf_stage: after })
				.where('id', '=', coalitionId)
				.execute();
			await recordAudit(trx, actor, {
				networkId: coalition.network_id,
				entityType: 'coalition',
				entityId: coalitionId,
				entityLabel: coalition.name,
				action: 'stage',
				before: { spfStage: before },
				after: { spfStage: after }
			});
		}
		return {
			status: 'ok' as const,
			warning: stageWarning(after, await productRows(trx, coalitionId))
		};
	});
}

/** updated_at is the version forms send back, so two writes in one millisecond must differ. */
function versionAfter(previous: string | undefined): string {
	const now = nowIso();
	if (!previous || now > previous) return now;
	return new Date(Date.parse(previous) + 1).toISOString();
}

export type ProductWriteResult =
	| { status: 'ok'; action: ProductAction | null }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
	| { status: 'stale'; values: Record<string, string> };

/** What the audit trail keeps of a product: codes, dates and the link, never a comment's text. */
function auditShape(row: {
	status: string;
	document_url: string | null;
	started_on: string | null;
	submitted_on: string | null;
	approved_on: string | null;
}) {
	return {
		status: row.status,
		documentUrl: row.document_url,
		startedOn: row.started_on,
		submittedOn: row.submitted_on,
		approvedOn: row.approved_on
	};
}

/**
 * Moves a planning product to the status the form asks for (or keeps it, to save a draft or
 * comment). A comment becomes a review that records the status it left the product in.
 */
export async function updateProduct(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	product: string,
	form: Record<string, unknown>
): Promise<ProductWriteResult> {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'edit');
	if (!isPlanningProduct(product)) throw new NotFoundError('planning_product');
	const parsed = parseForm(productUpdateSchema, form, PRODUCT_UPDATE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PRODUCT_UPDATE_FIELDS);
	const input = parsed.value;
	const rights = rightsOf(actor, scope);

	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('planning_product')
			.selectAll()
			.where('coalition_id', '=', coalitionId)
			.where('product', '=', product)
			.executeTakeFirst();
		if (input.version && input.version !== row?.updated_at) {
			return { status: 'stale' as const, values };
		}
		const from: ProductStatus = row && isProductStatus(row.status) ? row.status : 'not_started';
		const check = checkProductUpdate({
			from,
			to: input.status,
			rights,
			currentDocumentUrl: row?.document_url ?? null,
			documentUrl: input.documentUrl,
			comment: input.comment
		});
		if (!check.ok) return { status: 'invalid' as const, errors: check.errors, values };
		const { step, documentUrl } = check;
		if (row && step.from === step.to && !input.comment && documentUrl === row.document_url) {
			return { status: 'ok' as const, action: null };
		}

		const now = versionAfter(row?.updated_at);
		const dates = datesAfter(
			step,
			{
				startedOn: row?.started_on ?? null,
				submittedOn: row?.submitted_on ?? null,
				approvedOn: row?.approved_on ?? null
			},
			calendarDate(new Date())
		);
		const next = {
			status: step.to,
			document_url: documentUrl,
			started_on: dates.startedOn,
			submitted_on: dates.submittedOn,
			approved_on: dates.approvedOn
		};
		const id = row?.id ?? newId();
		// Conditional writes: whoever changed the product since it was read wins, this one is stale.
		if (row) {
			const result = await trx
				.updateTable('planning_product')
				.set({ ...next, updated_at: now })
				.where('id', '=', row.id)
				.where('updated_at', '=', row.updated_at)
				.executeTakeFirst();
			if (Number(result.numUpdatedRows) === 0) return { status: 'stale' as const, values };
		} else {
			const result = await trx
				.insertInto('planning_product')
				.values({
					id,
					coalition_id: coalitionId,
					product,
					...next,
					created_at: now,
					updated_at: now
				})
				.onConflict((oc) => oc.columns(['coalition_id', 'product']).doNothing())
				.executeTakeFirst();
			if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
				return { status: 'stale' as const, values };
			}
		}

		let reviewId: string | null = null;
		if (input.comment) {
			reviewId = newId();
			await trx
				.insertInto('product_review')
				.values({
					id: reviewId,
					product_id: id,
					author_user_id: actor!.userId,
					author_label: actor!.name || actor!.email,
					status_after: step.to,
					body: input.comment,
					created_at: now
				})
				.execute();
		}
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'planning_product',
			entityId: id,
			entityLabel: `${coalition.name} · ${product}`,
			action: step.action,
			before: {
				...auditShape(
					row ?? {
						status: 'not_started',
						document_url: null,
						started_on: null,
						submitted_on: null,
						approved_on: null
					}
				),
				reviewId: null
			},
			after: { ...auditShape(next), reviewId }
		});
		return { status: 'ok' as const, action: step.action };
	});
}

export interface StageFilters {
	regionId?: string;
	phaseId?: string;
}

/** The network at a glance: every current coalition's SPF step and the status of its products. */
export async function networkStages(
	db: Db,
	actor: Actor | null,
	networkId: string,
	filters: StageFilters = {}
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const places = await listPlaces(db, networkId);
	const byId = new Map(
		places.map((p) => [p.id, { id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name }])
	);
	const phases = await db
		.selectFrom('phase')
		.select(['id', 'number'])
		.where('network_id', '=', networkId)
		.orderBy('number')
		.execute();

	let query = db
		.selectFrom('coalition')
		.leftJoin('phase', 'phase.id', 'coalition.phase_id')
		.selectAll('coalition')
		.select('phase.number as phase_number')
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived');
	if (filters.phaseId) query = query.where('coalition.phase_id', '=', filters.phaseId);
	const coalitions = (
		await query.orderBy('coalition.name_search').orderBy('coalition.id').execute()
	)
		.map((c) => ({ ...c, region: placePath(c.place_id, byId)[0] ?? null }))
		.filter((c) => !filters.regionId || c.region?.id === filters.regionId);

	const products = await db
		.selectFrom('planning_product')
		.innerJoin('coalition', 'coalition.id', 'planning_product.coalition_id')
		.select([
			'planning_product.coalition_id',
			'planning_product.product',
			'planning_product.status'
		])
		.where('coalition.network_id', '=', networkId)
		.execute();
	const byCoalition = new Map<string, { product: string; status: string }[]>();
	for (const p of products) {
		byCoalition.set(p.coalition_id, [...(byCoalition.get(p.coalition_id) ?? []), p]);
	}

	// Everyone in the network sees the table; only coalitions they may open get a link.
	const seesAll =
		isNetworkAdmin(actor, networkId) ||
		Boolean(actor?.grants.some((g) => g.role === 'viewer' && g.networkId === networkId));
	const openable = new Set<string>();
	for (const c of coalitions) {
		if (seesAll || canViewCoalition(actor, await coalitionScope(db, mapCoalition(c)))) {
			openable.add(c.id);
		}
	}

	const rows = coalitions.map((c) => {
		const own = byCoalition.get(c.id) ?? [];
		return {
			id: c.id,
			name: c.name,
			canOpen: openable.has(c.id),
			phaseNumber: c.phase_number,
			region: c.region?.name ?? null,
			spfStage: stageOf(c.spf_stage),
			products: allProducts(own),
			approved: stageProgress(own).approved
		};
	});
	const zeroStatuses = () =>
		Object.fromEntries(PRODUCT_STATUSES.map((s) => [s, 0])) as Record<ProductStatus, number>;
	return {
		rows,
		total: rows.length,
		stageCounts: [...SPF_STAGES, null].map((stage) => ({
			stage,
			count: rows.filter((r) => r.spfStage === stage).length
		})),
		productCounts: PLANNING_PRODUCTS.map((product: PlanningProduct) => {
			const counts = zeroStatuses();
			for (const r of rows) counts[r.products.find((p) => p.product === product)!.status] += 1;
			return { product, counts };
		}),
		filters: { regionId: filters.regionId ?? '', phaseId: filters.phaseId ?? '' },
		regions: places.filter((p) => p.parent_id === null).map((p) => ({ id: p.id, name: p.name })),
		phases
	};
}
