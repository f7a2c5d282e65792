/**
 * Partner organizations and their roles as network administrators edit them. Organizations are
 * shared between networks; a network sees those that hold at least one role in it, so an
 * organization without a role here is reported exactly like one that does not exist. Every
 * function checks access first.
 */
import { canEditStructure, canEnterNetwork, type Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { ORGANIZATION_KINDS, PARTNER_ROLES } from '$lib/domain/network';
import {
	NEW_PARTNER_FIELDS,
	ORGANIZATION_FIELDS,
	PARTNER_ROLE_FIELDS,
	newPartnerSchema,
	organizationSchema,
	partnerRoleSchema,
	type OrganizationInput,
	type PartnerRoleInput
} from '$lib/domain/schemas/organization';
import { normalizeForSearch } from '$lib/domain/text';
import { historyOf, recordAudit } from '../audit/service';
import type { Db } from '../db';
import { containsText } from '../db/dialect';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';

export const PAGE_SIZE = 25;

/** Role changes are recorded under the organization, so its history tells the whole story. */
const ROLE_ACTIONS = ['add_role', 'remove_role'];

interface Organization {
	id: string;
	slug: string;
	name: string;
	short_name: string | null;
	kind: string;
	country_code: string | null;
	website: string | null;
	description_es: string | null;
	description_en: string | null;
	updated_at: string;
}

function requireReader(actor: Actor | null, networkId: string): void {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
}

function requireEditor(actor: Actor | null, networkId: string): void {
	if (!canEditStructure(actor, networkId)) throw new NotFoundError('network');
}

async function findOrganization(db: Db, id: string): Promise<Organization | undefined> {
	return db
		.selectFrom('organization')
		.select([
			'id',
			'slug',
			'name',
			'short_name',
			'kind',
			'country_code',
			'website',
			'description_es',
			'description_en',
			'updated_at'
		])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The organization if it holds a role in the network, else NotFoundError. */
async function requirePartner(db: Db, networkId: string, id: string): Promise<Organization> {
	const organization = await findOrganization(db, id);
	const role =
		organization &&
		(await db
			.selectFrom('partner_role')
			.select('id')
			.where('organization_id', '=', id)
			.where('network_id', '=', networkId)
			.executeTakeFirst());
	if (!organization || !role) throw new NotFoundError('organization');
	return organization;
}

export const PARTNER_SORTS = ['name', '-name', 'kind'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

export interface PartnerListQuery {
	q?: string;
	kind?: string;
	role?: string;
	sort?: string;
	page?: number;
}

export async function listPartnersFor(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: PartnerListQuery
) {
	requireReader(actor, networkId);
	const sort = PARTNER_SORTS.includes(query.sort as PartnerSort)
		? (query.sort as PartnerSort)
		: 'name';
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);
	const term = normalizeForSearch(query.q ?? '').slice(0, 100);
	const kind = ORGANIZATION_KINDS.find((k) => k === query.kind) ?? null;
	const role = PARTNER_ROLES.find((r) => r === query.role) ?? null;

	let base = db.selectFrom('organization').where((eb) => {
		let roles = eb
			.selectFrom('partner_role')
			.select('partner_role.id')
			.whereRef('partner_role.organization_id', '=', 'organization.id')
			.where('partner_role.network_id', '=', networkId);
		if (role) roles = roles.where('partner_role.role', '=', role);
		return eb.exists(roles);
	});
	if (term) base = base.where((eb) => containsText(eb.ref('organization.name_search'), term));
	if (kind) base = base.where('organization.kind', '=', kind);

	const total = Number(
		(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
	);
	let ordered = base.select([
		'organization.id',
		'organization.name',
		'organization.short_name',
		'organization.slug',
		'organization.kind',
		'organization.website'
	]);
	// Kinds sort in the domain's order (trainers, NGOs, funders, …), not by their keys' spelling.
	ordered =
		sort === 'kind'
			? ordered
					.orderBy((eb) => {
						let rank = eb.case().when('organization.kind', '=', ORGANIZATION_KINDS[0]).then(0);
						for (const [i, k] of ORGANIZATION_KINDS.entries()) {
							if (i > 0) rank = rank.when('organization.kind', '=', k).then(i);
						}
						return rank.else(ORGANIZATION_KINDS.length).end();
					})
					.orderBy('organization.name_search')
			: ordered.orderBy('organization.name_search', sort === '-name' ? 'desc' : 'asc');
	const rows = await ordered
		.orderBy('organization.id')
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.execute();

	const roleRows = rows.length
		? await db
				.selectFrom('partner_role')
				.leftJoin('phase', 'phase.id', 'partner_role.phase_id')
				.select([
					'partner_role.organization_id',
					'partner_role.role',
					'phase.number as phase_number'
				])
				.where('partner_role.network_id', '=', networkId)
				.where(
					'partner_role.organization_id',
					'in',
					rows.map((r) => r.id)
				)
				.execute()
		: [];
	const summary = (id: string) => {
		const mine = roleRows.filter((r) => r.organization_id === id);
		return {
			roles: PARTNER_ROLES.filter((r) => mine.some((m) => m.role === r)),
			phases: [...new Set(mine.flatMap((m) => (m.phase_number === null ? [] : [m.phase_number])))]
				.map(Number)
				.sort((a, b) => a - b)
		};
	};

	return {
		rows: rows.map((r) => ({ ...r, ...summary(r.id) })),
		total,
		page,
		pageSize: PAGE_SIZE,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		sort,
		canCreate: canEditStructure(actor, networkId)
	};
}

/** The phases and coalitions a role may be tied to. */
export async function partnerFormOptions(db: Db, networkId: string) {
	const phases = await db
		.selectFrom('phase')
		.select(['id', 'number', 'name_es', 'name_en'])
		.where('network_id', '=', networkId)
		.orderBy('number')
		.execute();
	const coalitions = await db
		.selectFrom('coalition')
		.select(['id', 'name'])
		.where('network_id', '=', networkId)
		.where('status', '!=', 'archived')
		.orderBy('name_search')
		.execute();
	return {
		phases: phases.map((p) => ({
			value: p.id,
			number: Number(p.number),
			nameEs: p.name_es,
			nameEn: p.name_en
		})),
		coalitions: coalitions.map((c) => ({ value: c.id, label: c.name }))
	};
}

interface RoleRow {
	id: string;
	role: string;
	phase_id: string | null;
	phase_number: number | null;
	coalition_id: string | null;
	coalition_name: string | null;
	note_es: string | null;
	note_en: string | null;
}

async function rolesIn(db: Db, networkId: string, organizationId: string): Promise<RoleRow[]> {
	const rows = await db
		.selectFrom('partner_role')
		.leftJoin('phase', 'phase.id', 'partner_role.phase_id')
		.leftJoin('coalition', 'coalition.id', 'partner_role.coalition_id')
		.select([
			'partner_role.id',
			'partner_role.role',
			'partner_role.phase_id',
			'phase.number as phase_number',
			'partner_role.coalition_id',
			'coalition.name as coalition_name',
			'partner_role.note_es',
			'partner_role.note_en',
			'partner_role.created_at'
		])
		.where('partner_role.network_id', '=', networkId)
		.where('partner_role.organization_id', '=', organizationId)
		.orderBy('partner_role.created_at')
		.orderBy('partner_role.id')
		.execute();
	return rows
		.map((r) => ({
			id: r.id,
			role: r.role,
			phase_id: r.phase_id,
			phase_number: r.phase_number === null ? null : Number(r.phase_number),
			coalition_id: r.coalition_id,
			coalition_name: r.coalition_name,
			note_es: r.note_es,
			note_en: r.note_en
		}))
		.sort((a, b) => (a.phase_number ?? 0) - (b.phase_number ?? 0));
}

function toFormValues(o: Organization): Record<string, string> {
	return {
		name: o.name,
		shortName: o.short_name ?? '',
		slug: o.slug,
		kind: o.kind,
		countryCode: o.country_code ?? '',
		website: o.website ?? '',
		descriptionEs: o.description_es ?? '',
		descriptionEn: o.description_en ?? '',
		version: o.updated_at
	};
}

/** What the audit trail keeps of an organization: its editable fields. */
function auditShape(o: Organization) {
	return {
		name: o.name,
		shortName: o.short_name,
		slug: o.slug,
		kind: o.kind,
		countryCode: o.country_code,
		website: o.website,
		descriptionEs: o.description_es,
		descriptionEn: o.description_en
	};
}

/** What the audit trail keeps of a role; the history page turns the ids into names. */
function roleAuditShape(r: RoleRow) {
	return {
		role: r.role,
		phaseId: r.phase_id,
		coalitionId: r.coalition_id,
		noteEs: r.note_es,
		noteEn: r.note_en
	};
}

export async function partnerForEdit(db: Db, actor: Actor | null, networkId: string, id: string) {
	requireReader(actor, networkId);
	const organization = await requirePartner(db, networkId, id);
	// Changes to the organization itself concern every network it works in; what it does in
	// another network is that network's business.
	const foreignRoleEvents = new Set(
		(
			await db
				.selectFrom('audit_event')
				.select('id')
				.where('entity_type', '=', 'organization')
				.where('entity_id', '=', id)
				.where('action', 'in', ROLE_ACTIONS)
				.where((eb) => eb.or([eb('network_id', '!=', networkId), eb('network_id', 'is', null)]))
				.execute()
		).map((e) => e.id)
	);
	const history = (await historyOf(db, 'organization', id)).filter(
		(e) => !foreignRoleEvents.has(e.id)
	);
	return {
		organization: {
			id: organization.id,
			name: organization.name,
			shortName: organization.short_name,
			slug: organization.slug
		},
		values: toFormValues(organization),
		canEdit: canEditStructure(actor, networkId),
		roles: (await rolesIn(db, networkId, id)).map((r) => ({
			id: r.id,
			role: r.role,
			phaseId: r.phase_id,
			phaseNumber: r.phase_number,
			coalitionId: r.coalition_id,
			coalitionName: r.coalition_name,
			noteEs: r.note_es,
			noteEn: r.note_en
		})),
		options: await partnerFormOptions(db, networkId),
		history
	};
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

async function checkSlug(db: Db, slug: string, selfId: string | null): Promise<FieldErrors> {
	const taken = await db
		.selectFrom('organization')
		.select('id')
		.where('slug', '=', slug)
		.executeTakeFirst();
	return taken && taken.id !== selfId ? { slug: 'slug_taken' } : {};
}

/** A role may only point at a phase or coalition of the same network. */
async function checkRoleReferences(
	db: Db,
	networkId: string,
	input: PartnerRoleInput
): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	const inNetwork = async (table: 'phase' | 'coalition', id: string | null) =>
		!id ||
		Boolean(
			await db
				.selectFrom(table)
				.select('id')
				.where('id', '=', id)
				.where('network_id', '=', networkId)
				.executeTakeFirst()
		);
	if (!(await inNetwork('phase', input.phaseId))) errors.phaseId = 'not_found';
	if (!(await inNetwork('coalition', input.coalitionId))) errors.coalitionId = 'not_found';
	return errors;
}

function columnsOf(input: OrganizationInput) {
	return {
		slug: input.slug,
		name: input.name,
		short_name: input.shortName,
		name_search: normalizeForSearch(`${input.name} ${input.shortName ?? ''}`),
		kind: input.kind,
		country_code: input.countryCode,
		website: input.website,
		description_es: input.descriptionEs,
		description_en: input.descriptionEn
	};
}

async function insertRole(
	db: Db,
	actor: Actor | null,
	networkId: string,
	organization: { id: string; name: string },
	input: PartnerRoleInput
): Promise<string> {
	const id = newId();
	await db
		.insertInto('partner_role')
		.values({
			id,
			organization_id: organization.id,
			network_id: networkId,
			phase_id: input.phaseId,
			coalition_id: input.coalitionId,
			role: input.role,
			note_es: input.noteEs,
			note_en: input.noteEn,
			created_at: nowIso()
		})
		.execute();
	const role = (await rolesIn(db, networkId, organization.id)).find((r) => r.id === id)!;
	await recordAudit(db, actor, {
		networkId,
		entityType: 'organization',
		entityId: organization.id,
		entityLabel: organization.name,
		action: 'add_role',
		after: roleAuditShape(role)
	});
	return id;
}

/** A new organization enters the network together with its first role, or not at all. */
export async function createPartner(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	requireEditor(actor, networkId);
	const parsed = parseForm(newPartnerSchema, form, NEW_PARTNER_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, NEW_PARTNER_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = {
			...(await checkSlug(trx, parsed.value.slug, null)),
			...(await checkRoleReferences(trx, networkId, parsed.value))
		};
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('organization')
			.values({ id, ...columnsOf(parsed.value), created_at: now, updated_at: now })
			.execute();
		const created = (await findOrganization(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'organization',
			entityId: id,
			entityLabel: created.name,
			action: 'create',
			after: auditShape(created)
		});
		await insertRole(trx, actor, networkId, created, parsed.value);
		return { status: 'ok' as const, id };
	});
}

export async function updatePartner(
	db: Db,
	actor: Actor | null,
	networkId: string,
	id: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	requireEditor(actor, networkId);
	const organization = await requirePartner(db, networkId, id);
	const parsed = parseForm(organizationSchema, form, ORGANIZATION_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, ORGANIZATION_FIELDS);
	if (parsed.value.version && parsed.value.version !== organization.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await checkSlug(trx, parsed.value.slug, id);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		await trx
			.updateTable('organization')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		const after = (await findOrganization(trx, id))!;
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'organization',
			entityId: id,
			entityLabel: after.name,
			action: 'update',
			before: auditShape(organization),
			after: auditShape(after)
		});
		return { status: 'ok' as const, id };
	});
}

export async function addPartnerRole(
	db: Db,
	actor: Actor | null,
	networkId: string,
	organizationId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	requireEditor(actor, networkId);
	const organization = await requirePartner(db, networkId, organizationId);
	const parsed = parseForm(partnerRoleSchema, form, PARTNER_ROLE_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, PARTNER_ROLE_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkRoleReferences(trx, networkId, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		await insertRole(trx, actor, networkId, organization, parsed.value);
		return { status: 'ok' as const, id: organizationId };
	});
}

/**
 * Removing the last role takes the organization off this network's list; the organization itself
 * stays (other networks may work with it, and coalitions may name it as their founder).
 */
export async function removePartnerRole(
	db: Db,
	actor: Actor | null,
	networkId: string,
	organizationId: string,
	roleId: string
): Promise<{ remaining: number }> {
	requireEditor(actor, networkId);
	const organization = await requirePartner(db, networkId, organizationId);
	return db.transaction().execute(async (trx) => {
		const roles = await rolesIn(trx, networkId, organizationId);
		const role = roles.find((r) => r.id === roleId);
		if (!role) throw new NotFoundError('partner_role');
		await trx.deleteFrom('partner_role').where('id', '=', roleId).execute();
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'organization',
			entityId: organizationId,
			entityLabel: organization.name,
			action: 'remove_role',
			before: roleAuditShape(role)
		});
		return { remaining: roles.length - 1 };
	});
}
