/**
 * Agreements (convenios) between a coalition and its municipality: the Peruvian model is a
 * partnership of local government and civil society, and the convenio is where it is written
 * down. No personal data here, so whoever may see the coalition reads them; editors write them,
 * each change audited in the same transaction.
 */
import { canEditCoalition, canEnterNetwork, type Actor } from '$lib/domain/access';
import { AGREEMENT_STATUSES } from '$lib/domain/capacity';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { todayInLima, shiftDays } from '$lib/domain/meetings';
import {
	AGREEMENT_FIELDS,
	agreementSchema,
	type AgreementInput
} from '$lib/domain/schemas/agreement';
import type { Selectable } from 'kysely';
import { historyOf, recordAudit } from '../audit/service';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import type { AgreementTable } from '../db/types';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';

type AgreementRow = Selectable<AgreementTable>;

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** A signed convenio whose validity ends within this many days needs renewing soon. */
export const EXPIRING_SOON_DAYS = 90;

/** Signed and still valid, under negotiation, then the rest: what a coordinator looks for first. */
const STATUS_ORDER = ['signed', 'negotiating', 'draft', 'expired', 'terminated'];

async function requireAgreement(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	agreementId: string,
	mode: 'view' | 'edit'
) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, mode);
	const agreement = await db
		.selectFrom('agreement')
		.selectAll()
		.where('id', '=', agreementId)
		.where('coalition_id', '=', coalitionId)
		.executeTakeFirst();
	if (!agreement) throw new NotFoundError('agreement');
	return { coalition, scope, agreement };
}

/**
 * A convenio still marked signed after its end date has lapsed in practice: it is shown as such
 * until someone records what became of it.
 */
function isLapsed(a: Pick<AgreementRow, 'status' | 'valid_until'>, today: string): boolean {
	return a.status === 'signed' && a.valid_until !== null && a.valid_until < today;
}

/** The organizations a convenio can name: the network's partners and any local government. */
async function organizationOptions(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('organization')
		.select(['id', 'name', 'short_name'])
		.where((eb) =>
			eb.or([
				eb('kind', '=', 'local_government'),
				eb.exists(
					eb
						.selectFrom('partner_role')
						.select('partner_role.id')
						.whereRef('partner_role.organization_id', '=', 'organization.id')
						.where('partner_role.network_id', '=', networkId)
				)
			])
		)
		.orderBy('name')
		.execute();
	return rows.map((o) => ({ value: o.id, label: o.short_name ?? o.name }));
}

export async function listAgreements(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const today = todayInLima();
	const rows = await db
		.selectFrom('agreement')
		.leftJoin('organization', 'organization.id', 'agreement.organization_id')
		.select([
			'agreement.id',
			'agreement.municipality',
			'agreement.title',
			'agreement.status',
			'agreement.signed_on',
			'agreement.valid_until',
			'agreement.document_url',
			'organization.name as organization_name',
			'organization.short_name as organization_short_name'
		])
		.where('agreement.coalition_id', '=', coalitionId)
		.execute();
	const rank = (status: string) => STATUS_ORDER.indexOf(status);
	return {
		rows: rows
			.sort(
				(a, b) =>
					rank(a.status) - rank(b.status) ||
					(b.signed_on ?? '').localeCompare(a.signed_on ?? '') ||
					a.municipality.localeCompare(b.municipality, 'es')
			)
			.map((r) => ({
				id: r.id,
				municipality: r.municipality,
				organization: r.organization_short_name ?? r.organization_name,
				title: r.title,
				status: r.status,
				signedOn: r.signed_on,
				validUntil: r.valid_until,
				documentUrl: r.document_url,
				lapsed: isLapsed(r, today)
			})),
		canEdit: canEditCoalition(actor, scope),
		options: canEditCoalition(actor, scope)
			? { organizations: await organizationOptions(db, coalition.network_id) }
			: { organizations: [] }
	};
}

function toFormValues(a: AgreementRow): Record<string, string> {
	return {
		municipality: a.municipality,
		organizationId: a.organization_id ?? '',
		title: a.title,
		scope: a.scope ?? '',
		status: a.status,
		signedOn: a.signed_on ?? '',
		validUntil: a.valid_until ?? '',
		documentUrl: a.document_url ?? '',
		version: a.updated_at
	};
}

/** What the audit trail keeps of an agreement: its editable fields. */
function auditShape(a: AgreementRow) {
	return {
		municipality: a.municipality,
		organizationId: a.organization_id,
		title: a.title,
		scope: a.scope,
		status: a.status,
		signedOn: a.signed_on,
		validUntil: a.valid_until,
		documentUrl: a.document_url
	};
}

export async function agreementForEdit(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	agreementId: string
) {
	const { coalition, scope, agreement } = await requireAgreement(
		db,
		actor,
		coalitionId,
		agreementId,
		'view'
	);
	return {
		agreement: {
			id: agreement.id,
			municipality: agreement.municipality,
			title: agreement.title,
			status: agreement.status,
			lapsed: isLapsed(agreement, todayInLima())
		},
		values: toFormValues(agreement),
		canEdit: canEditCoalition(actor, scope),
		options: { organizations: await organizationOptions(db, coalition.network_id) },
		history: await historyOf(db, 'agreement', agreementId)
	};
}

/** The named organization must be one the network works with, or a local government. */
async function checkReferences(db: Db, networkId: string, input: AgreementInput) {
	const errors: FieldErrors = {};
	if (input.organizationId) {
		const options = await organizationOptions(db, networkId);
		if (!options.some((o) => o.value === input.organizationId)) errors.organizationId = 'not_found';
	}
	return errors;
}

function columnsOf(input: AgreementInput) {
	return {
		municipality: input.municipality,
		organization_id: input.organizationId,
		title: input.title,
		scope: input.scope,
		status: input.status,
		signed_on: input.signedOn,
		valid_until: input.validUntil,
		document_url: input.documentUrl
	};
}

function entityLabel(coalitionName: string, a: { municipality: string; title: string }) {
	return `${coalitionName} · ${a.municipality} · ${a.title}`;
}

export async function createAgreement(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(agreementSchema, form, AGREEMENT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, AGREEMENT_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, coalition.network_id, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('agreement')
			.values({
				id,
				coalition_id: coalitionId,
				...columnsOf(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		const created = await trx
			.selectFrom('agreement')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'agreement',
			entityId: id,
			entityLabel: entityLabel(coalition.name, created),
			action: 'create',
			after: auditShape(created)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateAgreement(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	agreementId: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const { coalition, agreement } = await requireAgreement(
		db,
		actor,
		coalitionId,
		agreementId,
		'edit'
	);
	const parsed = parseForm(agreementSchema, form, AGREEMENT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, AGREEMENT_FIELDS);
	if (parsed.value.version && parsed.value.version !== agreement.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await checkReferences(trx, coalition.network_id, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		await trx
			.updateTable('agreement')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', agreementId)
			.execute();
		const after = await trx
			.selectFrom('agreement')
			.selectAll()
			.where('id', '=', agreementId)
			.executeTakeFirstOrThrow();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'agreement',
			entityId: agreementId,
			entityLabel: entityLabel(coalition.name, after),
			action: 'update',
			before: auditShape(agreement),
			after: auditShape(after)
		});
		return { status: 'ok' as const, id: agreementId };
	});
}

/**
 * A coalition's convenios at a glance: signed and in force, under negotiation, and signed but
 * past their end date (someone should record whether they were renewed).
 */
export async function agreementsSummary(db: Db, actor: Actor | null, coalitionId: string) {
	await requireCoalition(db, actor, coalitionId, 'view');
	const rows = await db
		.selectFrom('agreement')
		.select(['status', 'valid_until'])
		.where('coalition_id', '=', coalitionId)
		.execute();
	const today = todayInLima();
	return {
		signed: rows.filter((r) => r.status === 'signed' && !isLapsed(r, today)).length,
		negotiating: rows.filter((r) => r.status === 'negotiating').length,
		lapsed: rows.filter((r) => isLapsed(r, today)).length
	};
}

/**
 * The network's convenios by status (coalitions not archived), for its overview. Counts carry no
 * personal data, so anyone with a role in the network reads them. `signed` counts those in force;
 * `lapsed` the signed ones past their end date; `expiringSoon` those in force that end within
 * EXPIRING_SOON_DAYS.
 */
export async function agreementsByStatus(db: Db, actor: Actor | null, networkId: string) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const rows = await db
		.selectFrom('agreement')
		.innerJoin('coalition', 'coalition.id', 'agreement.coalition_id')
		.select(['agreement.status', 'agreement.valid_until'])
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived')
		.execute();
	const today = todayInLima();
	const soon = shiftDays(today, EXPIRING_SOON_DAYS);
	const byStatus = Object.fromEntries(AGREEMENT_STATUSES.map((s) => [s, 0])) as Record<
		(typeof AGREEMENT_STATUSES)[number],
		number
	>;
	let lapsed = 0;
	let expiringSoon = 0;
	for (const r of rows) {
		if (isLapsed(r, today)) lapsed += 1;
		else if (r.status in byStatus) byStatus[r.status as keyof typeof byStatus] += 1;
		if (r.status === 'signed' && r.valid_until !== null && r.valid_until >= today) {
			if (r.valid_until <= soon) expiringSoon += 1;
		}
	}
	return { ...byStatus, lapsed, expiringSoon, total: rows.length };
}
