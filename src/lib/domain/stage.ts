/**
 * A coalition's development stage: where it stands in the Strategic Prevention Framework and how
 * far its five planning products have come. Pure rules; the service reads and writes, these decide.
 *
 * A product moves not_started → draft → submitted → approved. The hub (administrators and staff of
 * a supporting partner) approves or returns what the coalition submits; an approved product can be
 * reopened as a new version. Saving a draft and commenting keep the status, so they are steps too:
 * that is how a link is stored before submitting and how the hub reviews without deciding.
 */
import {
	PLANNING_PRODUCTS,
	PRODUCT_STATUSES,
	SPF_STAGES,
	type PlanningProduct,
	type ProductStatus,
	type SpfStage
} from './capacity';

export const PRODUCT_ACTIONS = [
	'start',
	'save',
	'submit',
	'approve',
	'return',
	'comment',
	'reopen'
] as const;
export type ProductAction = (typeof PRODUCT_ACTIONS)[number];

export interface ProductStep {
	action: ProductAction;
	from: ProductStatus;
	to: ProductStatus;
	/** only administrators and supporting partner staff, never the coalition's own coordinators */
	hubOnly: boolean;
	/** the step may set or replace the document link; otherwise the link is the one reviewed */
	setsDocument: boolean;
	needsDocument: boolean;
	needsComment: boolean;
}

const step = (
	action: ProductAction,
	from: ProductStatus,
	to: ProductStatus,
	rules: Partial<Pick<ProductStep, 'hubOnly' | 'setsDocument' | 'needsDocument' | 'needsComment'>>
): ProductStep => ({
	action,
	from,
	to,
	hubOnly: false,
	setsDocument: false,
	needsDocument: false,
	needsComment: false,
	...rules
});

/** Every step there is; one per pair of statuses, so a requested status names its step. */
export const PRODUCT_STEPS: readonly ProductStep[] = [
	step('start', 'not_started', 'draft', { setsDocument: true }),
	step('save', 'draft', 'draft', { setsDocument: true }),
	step('submit', 'draft', 'submitted', { setsDocument: true, needsDocument: true }),
	step('approve', 'submitted', 'approved', { hubOnly: true }),
	step('return', 'submitted', 'draft', { hubOnly: true, needsComment: true }),
	step('comment', 'submitted', 'submitted', { needsComment: true }),
	step('reopen', 'approved', 'draft', { setsDocument: true }),
	step('comment', 'approved', 'approved', { needsComment: true })
];

/** What the actor may do on a coalition, from access.ts (canEditCoalition, canActAsHub). */
export interface StageRights {
	canEdit: boolean;
	isHub: boolean;
}

export function mayTake(s: ProductStep, rights: StageRights): boolean {
	return s.hubOnly ? rights.isHub : rights.canEdit || rights.isHub;
}

export function findStep(from: ProductStatus, to: ProductStatus): ProductStep | undefined {
	return PRODUCT_STEPS.find((s) => s.from === from && s.to === to);
}

/** The steps an actor may take from a status, in the order a page offers them. */
export function stepsFor(status: ProductStatus, rights: StageRights): ProductStep[] {
	return PRODUCT_STEPS.filter((s) => s.from === status && mayTake(s, rights));
}

export interface ProductUpdateRequest {
	from: ProductStatus;
	to: ProductStatus;
	rights: StageRights;
	currentDocumentUrl: string | null;
	/** null keeps the current link */
	documentUrl: string | null;
	comment: string | null;
}

export type ProductUpdateCheck =
	| { ok: true; step: ProductStep; documentUrl: string | null }
	| { ok: false; errors: Partial<Record<'status' | 'documentUrl' | 'comment', string>> };

/** Whether a requested change is allowed, and the document link the product ends up with. */
export function checkProductUpdate(req: ProductUpdateRequest): ProductUpdateCheck {
	const s = findStep(req.from, req.to);
	if (!s || !mayTake(s, req.rights)) return { ok: false, errors: { status: 'transition_invalid' } };
	const errors: Partial<Record<'documentUrl' | 'comment', string>> = {};
	const changesLink = req.documentUrl !== null && req.documentUrl !== req.currentDocumentUrl;
	if (changesLink && !s.setsDocument) errors.documentUrl = 'document_locked';
	const documentUrl = s.setsDocument
		? (req.documentUrl ?? req.currentDocumentUrl)
		: req.currentDocumentUrl;
	if (s.needsDocument && !documentUrl) errors.documentUrl = 'document_required';
	if (s.needsComment && !req.comment) errors.comment = 'comment_required';
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, step: s, documentUrl };
}

export interface ProductDates {
	startedOn: string | null;
	submittedOn: string | null;
	approvedOn: string | null;
}

/**
 * The dates after a step. Going back to draft clears the submission and approval dates, so a
 * draft never shows an approval that no longer holds; the audit trail keeps the old ones.
 */
export function datesAfter(s: ProductStep, dates: ProductDates, today: string): ProductDates {
	if (s.from === s.to) return { ...dates };
	return {
		startedOn: dates.startedOn ?? today,
		submittedOn: s.to === 'submitted' ? today : s.to === 'draft' ? null : dates.submittedOn,
		approvedOn: s.to === 'approved' ? today : null
	};
}

export interface ProductState {
	product: PlanningProduct;
	status: ProductStatus;
}

/** A coalition's five products with their status; a product without a row has not started. */
export function allProducts(rows: readonly { product: string; status: string }[]): ProductState[] {
	return PLANNING_PRODUCTS.map((product) => {
		const status = rows.find((r) => r.product === product)?.status;
		return { product, status: isProductStatus(status) ? status : 'not_started' };
	});
}

export interface StageProgress {
	approved: number;
	total: number;
	/** the first product, in the framework's order, not yet approved; null when all five are */
	next: ProductState | null;
}

export function stageProgress(rows: readonly { product: string; status: string }[]): StageProgress {
	const products = allProducts(rows);
	return {
		approved: products.filter((p) => p.status === 'approved').length,
		total: products.length,
		next: products.find((p) => p.status !== 'approved') ?? null
	};
}

export type StageWarning = 'assessment_pending';

/**
 * The framework is a cycle, so any step may follow any other; but planning without a community
 * assessment at least submitted is worth a warning (never a refusal: the hub may know better).
 */
export function stageWarning(
	stage: SpfStage | null,
	rows: readonly { product: string; status: string }[]
): StageWarning | null {
	if (!stage || SPF_STAGES.indexOf(stage) < SPF_STAGES.indexOf('planning')) return null;
	const assessment = allProducts(rows).find((p) => p.product === 'community_assessment')!;
	return assessment.status === 'submitted' || assessment.status === 'approved'
		? null
		: 'assessment_pending';
}

export function isProductStatus(value: unknown): value is ProductStatus {
	return (PRODUCT_STATUSES as readonly unknown[]).includes(value);
}

export function isPlanningProduct(value: unknown): value is PlanningProduct {
	return (PLANNING_PRODUCTS as readonly unknown[]).includes(value);
}

export function isSpfStage(value: unknown): value is SpfStage {
	return (SPF_STAGES as readonly unknown[]).includes(value);
}

/** The calendar day of an instant where the network works, as 'YYYY-MM-DD'. */
export function calendarDate(instant: Date, timeZone = 'America/Lima'): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(instant);
	const part = (type: string) => parts.find((p) => p.type === type)!.value;
	return `${part('year')}-${part('month')}-${part('day')}`;
}
