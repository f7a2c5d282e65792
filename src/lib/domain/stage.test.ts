import { describe, expect, it } from 'vitest';
import { PRODUCT_STATUSES, type ProductStatus } from './capacity';
import {
	calendarDate,
	checkProductUpdate,
	datesAfter,
	findStep,
	stageProgress,
	stageWarning,
	stepsFor,
	type StageRights
} from './stage';

const coordinator: StageRights = { canEdit: true, isHub: false };
const hub: StageRights = { canEdit: true, isHub: true };
const viewer: StageRights = { canEdit: false, isHub: false };

const request = (
	from: ProductStatus,
	to: ProductStatus,
	rights: StageRights,
	extra: { currentDocumentUrl?: string | null; documentUrl?: string | null; comment?: string } = {}
) =>
	checkProductUpdate({
		from,
		to,
		rights,
		currentDocumentUrl: extra.currentDocumentUrl ?? null,
		documentUrl: extra.documentUrl ?? null,
		comment: extra.comment ?? null
	});

const DOC = 'https://drive.example.org/diagnostico';

describe('planning product steps', () => {
	it('offers a coordinator everything but approving and returning', () => {
		const actions = (s: ProductStatus) => stepsFor(s, coordinator).map((x) => x.action);
		expect(actions('not_started')).toEqual(['start']);
		expect(actions('draft')).toEqual(['save', 'submit']);
		expect(actions('submitted')).toEqual(['comment']);
		expect(actions('approved')).toEqual(['reopen', 'comment']);
	});

	it('offers the hub approving and returning too, and a viewer nothing', () => {
		expect(stepsFor('submitted', hub).map((x) => x.action)).toEqual([
			'approve',
			'return',
			'comment'
		]);
		for (const s of PRODUCT_STATUSES) expect(stepsFor(s, viewer)).toEqual([]);
	});

	it('allows exactly the listed pairs of statuses and refuses every other', () => {
		const allowed = new Set([
			'not_started>draft',
			'draft>draft',
			'draft>submitted',
			'submitted>approved',
			'submitted>draft',
			'submitted>submitted',
			'approved>draft',
			'approved>approved'
		]);
		for (const from of PRODUCT_STATUSES) {
			for (const to of PRODUCT_STATUSES) {
				const result = request(from, to, hub, {
					currentDocumentUrl: DOC,
					comment: 'Revisado'
				});
				expect(result.ok, `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
				if (!result.ok && !allowed.has(`${from}>${to}`)) {
					expect(result.errors).toEqual({ status: 'transition_invalid' });
				}
			}
		}
	});

	it('refuses approving and returning to a coordinator with transition_invalid', () => {
		const opts = { currentDocumentUrl: DOC, comment: 'Listo' };
		expect(request('submitted', 'approved', coordinator, opts)).toEqual({
			ok: false,
			errors: { status: 'transition_invalid' }
		});
		expect(request('submitted', 'draft', coordinator, opts)).toEqual({
			ok: false,
			errors: { status: 'transition_invalid' }
		});
		expect(request('submitted', 'approved', hub, opts).ok).toBe(true);
	});

	it('needs a document link to submit, the stored one or a new one', () => {
		expect(request('draft', 'submitted', coordinator)).toEqual({
			ok: false,
			errors: { documentUrl: 'document_required' }
		});
		expect(request('draft', 'submitted', coordinator, { documentUrl: DOC })).toMatchObject({
			ok: true,
			documentUrl: DOC
		});
		expect(request('draft', 'submitted', coordinator, { currentDocumentUrl: DOC })).toMatchObject({
			ok: true,
			documentUrl: DOC
		});
	});

	it('needs a comment to return a product, and to comment', () => {
		expect(request('submitted', 'draft', hub, { currentDocumentUrl: DOC })).toEqual({
			ok: false,
			errors: { comment: 'comment_required' }
		});
		expect(request('submitted', 'submitted', coordinator)).toEqual({
			ok: false,
			errors: { comment: 'comment_required' }
		});
		expect(
			request('submitted', 'draft', hub, { currentDocumentUrl: DOC, comment: 'Falta el árbol' }).ok
		).toBe(true);
	});

	it('keeps the reviewed link: approving cannot replace it, reopening can', () => {
		const other = 'https://drive.example.org/otra-version';
		expect(
			request('submitted', 'approved', hub, { currentDocumentUrl: DOC, documentUrl: other })
		).toEqual({ ok: false, errors: { documentUrl: 'document_locked' } });
		expect(
			request('submitted', 'approved', hub, { currentDocumentUrl: DOC, documentUrl: DOC })
		).toMatchObject({ ok: true, documentUrl: DOC });
		expect(
			request('approved', 'draft', coordinator, { currentDocumentUrl: DOC, documentUrl: other })
		).toMatchObject({ ok: true, documentUrl: other });
	});
});

describe('product dates', () => {
	const empty = { startedOn: null, submittedOn: null, approvedOn: null };

	it('sets started_on once, submitted_on and approved_on on each submission and approval', () => {
		const started = datesAfter(findStep('not_started', 'draft')!, empty, '2026-03-01');
		expect(started).toEqual({ startedOn: '2026-03-01', submittedOn: null, approvedOn: null });
		const submitted = datesAfter(findStep('draft', 'submitted')!, started, '2026-03-10');
		expect(submitted).toEqual({
			startedOn: '2026-03-01',
			submittedOn: '2026-03-10',
			approvedOn: null
		});
		const approved = datesAfter(findStep('submitted', 'approved')!, submitted, '2026-03-20');
		expect(approved).toEqual({
			startedOn: '2026-03-01',
			submittedOn: '2026-03-10',
			approvedOn: '2026-03-20'
		});
		expect(datesAfter(findStep('approved', 'approved')!, approved, '2026-04-01')).toEqual(approved);
	});

	it('clears submission and approval when a product goes back to draft', () => {
		const approved = {
			startedOn: '2026-03-01',
			submittedOn: '2026-03-10',
			approvedOn: '2026-03-20'
		};
		expect(datesAfter(findStep('approved', 'draft')!, approved, '2026-05-01')).toEqual({
			startedOn: '2026-03-01',
			submittedOn: null,
			approvedOn: null
		});
		const submitted = { ...approved, approvedOn: null };
		expect(datesAfter(findStep('submitted', 'draft')!, submitted, '2026-03-12')).toEqual({
			startedOn: '2026-03-01',
			submittedOn: null,
			approvedOn: null
		});
	});

	it('uses the calendar day in Lima, five hours behind UTC', () => {
		expect(calendarDate(new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27');
		expect(calendarDate(new Date('2026-11-28T06:00:00Z'))).toBe('2026-11-28');
	});
});

describe('stage progress and the assessment warning', () => {
	it('counts approved products and names the first one not approved', () => {
		expect(stageProgress([])).toEqual({
			approved: 0,
			total: 5,
			next: { product: 'community_assessment', status: 'not_started' }
		});
		expect(
			stageProgress([
				{ product: 'community_assessment', status: 'approved' },
				{ product: 'logic_model', status: 'submitted' },
				{ product: 'evaluation_plan', status: 'approved' }
			])
		).toEqual({ approved: 2, total: 5, next: { product: 'logic_model', status: 'submitted' } });
		const all = [
			'community_assessment',
			'logic_model',
			'strategic_action_plan',
			'evaluation_plan',
			'sustainability_plan'
		].map((product) => ({ product, status: 'approved' }));
		expect(stageProgress(all)).toEqual({ approved: 5, total: 5, next: null });
	});

	it('warns from planning on while the assessment is not at least submitted', () => {
		expect(stageWarning('capacity', [])).toBeNull();
		expect(stageWarning(null, [])).toBeNull();
		expect(stageWarning('planning', [])).toBe('assessment_pending');
		expect(stageWarning('evaluation', [{ product: 'community_assessment', status: 'draft' }])).toBe(
			'assessment_pending'
		);
		expect(
			stageWarning('planning', [{ product: 'community_assessment', status: 'submitted' }])
		).toBeNull();
		expect(
			stageWarning('implementation', [{ product: 'community_assessment', status: 'approved' }])
		).toBeNull();
	});
});
