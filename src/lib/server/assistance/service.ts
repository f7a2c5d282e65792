/**
 * The technical assistance log: each contact the hub had with a coalition, and the follow-up
 * actions agreed. Administrators and the staff of a supporting partner log it (the hub's side);
 * the coalition's coordinators read it and may mark its follow-ups done; whoever may view the
 * coalition reads it.
 */
import {
	canActAsHub,
	canEditCoalition,
	canEnterNetwork,
	canViewCoalition,
	partnerOrganizationIds,
	type Actor
} from '$lib/domain/access';
import { hoursByTopic, isOverdue, localToday, sumHours } from '$lib/domain/assistance';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	CONTACT_FIELDS,
	contactSchema,
	FOLLOWUP_FIELDS,
	followupSchema,
	type ContactInput,
	type FollowupInput
} from '$lib/domain/schemas/assistance';
import { recordAudit } from '../audit/service';
import { mapCoalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { trainingFormOptions } from '../trainings/service';

type ContactRow = {
	id: string;
	coalition_id: string;
	contact_on: string;
	provider_id: string | null;
	provider_person: string | null;
	mode: string;
	hours: number;
	topic: string;
	summary: string | null;
	updated_at: string;
};

type FollowupRow = {
	id: string;
	contact_id: string;
	action: string;
	due_on: string;
	owner: string | null;
	status: string;
	done_on: string | null;
	updated_at: string;
};

// Free text (summaries, actions, owners, the provider's person) can name people; the trail keeps
// days, codes, hours and ids.
function contactAudit(c: ContactRow) {
	return {
		coalitionId: c.coalition_id,
		contactOn: c.contact_on,
		providerId: c.provider_id,
		mode: c.mode,
		hours: c.hours,
		topic: c.topic
	};
}

function followupAudit(f: FollowupRow) {
	return { contactId: f.contact_id, dueOn: f.due_on, status: f.status, doneOn: f.done_on };
}

function contactValues(c: ContactRow): Record<string, string> {
	return {
		contactOn: c.contact_on,
		providerId: c.provider_id ?? '',
		providerPerson: c.provider_person ?? '',
		mode: c.mode,
		hours: String(c.hours),
		topic: c.topic,
		summary: c.summary ?? '',
		version: c.updated_at
	};
}

function followupValues(f: FollowupRow): Record<string, string> {
	return {
		action: f.action,
		dueOn: f.due_on,
		owner: f.owner ?? '',
		status: f.status,
		version: f.updated_at
	};
}

async function findContact(db: Db, id: string): Promise<ContactRow | undefined> {
	return db.selectFrom('ta_contact').selectAll().where('id', '=', id).executeTakeFirst();
}

async function findFollowup(db: Db, id: string): Promise<FollowupRow | undefined> {
	return db.selectFrom('ta_followup').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The contact and its coalition, if the actor may act as the hub there; else NotFoundError. */
async function requireHubContact(db: Db, actor: Actor | null, contactId: string) {
	const contact = await findContact(db, contactId);
	if (!contact) throw new NotFoundError('contact');
	const { coalition, scope } = await requireCoalition(db, actor, contact.coalition_id, 'view');
	if (!canActAsHub(actor, scope)) throw new NotFoundError('contact');
	return { contact, coalition };
}

async function providerErrors(db: Db, networkId: string, input: ContactInput) {
	const errors: FieldErrors = {};
	if (input.providerId) {
		const role = await db
			.selectFrom('partner_role')
			.select('id')
			.where('organization_id', '=', input.providerId)
			.where('network_id', '=', networkId)
			.executeTakeFirst();
		if (!role) errors.providerId = 'not_found';
	}
	return errors;
}

function contactColumns(input: ContactInput) {
	return {
		contact_on: input.contactOn,
		provider_id: input.providerId,
		provider_person: input.providerPerson,
		mode: input.mode,
		hours: input.hours,
		topic: input.topic,
		summary: input.summary
	};
}

/** A follow-up marked done keeps the day it was first marked; reopening it clears that day. */
function doneOn(status: FollowupInput['status'], before: FollowupRow | null, today: string) {
	if (status !== 'done') return null;
	return before?.status === 'done' ? before.done_on : today;
}

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };
export type UpdateResult = SaveResult | { status: 'stale'; values: Record<string, string> };

/** The coalition's log, newest contact first, with its follow-ups and the totals. */
export async function listContacts(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	today: string = localToday()
) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const contacts = await db
		.selectFrom('ta_contact')
		.leftJoin('organization', 'organization.id', 'ta_contact.provider_id')
		.selectAll('ta_contact')
		.select(['organization.name as provider_name', 'organization.short_name as provider_short'])
		.where('ta_contact.coalition_id', '=', coalitionId)
		.orderBy('ta_contact.contact_on', 'desc')
		.orderBy('ta_contact.created_at', 'desc')
		.orderBy('ta_contact.id')
		.execute();
	const followups = contacts.length
		? await db
				.selectFrom('ta_followup')
				.selectAll()
				.where(
					'contact_id',
					'in',
					contacts.map((c) => c.id)
				)
				.orderBy('due_on')
				.orderBy('created_at')
				.execute()
		: [];
	const isHub = canActAsHub(actor, scope);
	const open = followups.filter((f) => f.status === 'open');
	return {
		coalition: { id: coalition.id, name: coalition.name },
		contacts: contacts.map((c) => ({
			id: c.id,
			contactOn: c.contact_on,
			provider: c.provider_short ?? c.provider_name,
			providerPerson: c.provider_person,
			mode: c.mode,
			hours: c.hours,
			topic: c.topic,
			summary: c.summary,
			values: contactValues(c),
			followups: followups
				.filter((f) => f.contact_id === c.id)
				.map((f) => ({
					id: f.id,
					action: f.action,
					dueOn: f.due_on,
					owner: f.owner,
					status: f.status,
					doneOn: f.done_on,
					overdue: isOverdue(f, today),
					values: followupValues(f)
				}))
		})),
		totals: {
			contacts: contacts.length,
			hours: sumHours(contacts.map((c) => c.hours)),
			byTopic: hoursByTopic(contacts),
			openFollowups: open.length,
			overdue: open.filter((f) => isOverdue(f, today)).length
		},
		canLog: isHub,
		canUpdateFollowups: isHub || canEditCoalition(actor, scope),
		options: await trainingFormOptions(db, coalition.network_id),
		// Partner staff usually log their own organization's visits.
		defaultProviderId: partnerOrganizationIds(actor, coalition.network_id)[0] ?? '',
		today
	};
}

/** For the coalition's page at a glance. */
export async function assistanceSummary(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	today: string = localToday()
) {
	const { totals } = await listContacts(db, actor, coalitionId, today);
	return {
		contacts: totals.contacts,
		hours: totals.hours,
		openFollowups: totals.openFollowups,
		overdue: totals.overdue
	};
}

export async function createContact(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>,
	today: string = localToday()
): Promise<SaveResult> {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	if (!canActAsHub(actor, scope)) throw new NotFoundError('coalition');
	const parsed = parseForm(contactSchema(today), form, CONTACT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, CONTACT_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await providerErrors(trx, coalition.network_id, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('ta_contact')
			.values({
				id,
				coalition_id: coalitionId,
				...contactColumns(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'ta_contact',
			entityId: id,
			entityLabel: coalition.name,
			action: 'create',
			after: contactAudit((await findContact(trx, id))!)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateContact(
	db: Db,
	actor: Actor | null,
	contactId: string,
	form: Record<string, unknown>,
	today: string = localToday()
): Promise<UpdateResult> {
	const { contact, coalition } = await requireHubContact(db, actor, contactId);
	const parsed = parseForm(contactSchema(today), form, CONTACT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(form, CONTACT_FIELDS);
	if (parsed.value.version && parsed.value.version !== contact.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await providerErrors(trx, coalition.network_id, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		await trx
			.updateTable('ta_contact')
			.set({ ...contactColumns(parsed.value), updated_at: nowIso() })
			.where('id', '=', contactId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'ta_contact',
			entityId: contactId,
			entityLabel: coalition.name,
			action: 'update',
			before: contactAudit(contact),
			after: contactAudit((await findContact(trx, contactId))!)
		});
		return { status: 'ok' as const, id: contactId };
	});
}

/** Follow-ups are agreed at a contact, so the hub writes them down. New ones start open. */
export async function addFollowup(
	db: Db,
	actor: Actor | null,
	contactId: string,
	form: Record<string, unknown>,
	today: string = localToday()
): Promise<SaveResult> {
	const { coalition } = await requireHubContact(db, actor, contactId);
	const input = { status: 'open', ...form };
	const parsed = parseForm(followupSchema, input, FOLLOWUP_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('ta_followup')
			.values({
				id,
				contact_id: contactId,
				action: parsed.value.action,
				due_on: parsed.value.dueOn,
				owner: parsed.value.owner,
				status: parsed.value.status,
				done_on: doneOn(parsed.value.status, null, today),
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'ta_followup',
			entityId: id,
			entityLabel: coalition.name,
			action: 'create',
			after: followupAudit((await findFollowup(trx, id))!)
		});
		return { status: 'ok' as const, id };
	});
}

/**
 * The hub edits a follow-up; the coalition's editors (its coordinators) only change its status,
 * to mark it done. Fields missing from the form keep their value, so a "done" button posts only
 * the status.
 */
export async function updateFollowup(
	db: Db,
	actor: Actor | null,
	followupId: string,
	form: Record<string, unknown>,
	today: string = localToday()
): Promise<UpdateResult> {
	const followup = await findFollowup(db, followupId);
	if (!followup) throw new NotFoundError('followup');
	const contact = (await findContact(db, followup.contact_id))!;
	const { coalition, scope } = await requireCoalition(db, actor, contact.coalition_id, 'view');
	const isHub = canActAsHub(actor, scope);
	if (!isHub && !canEditCoalition(actor, scope)) throw new NotFoundError('followup');
	const current = followupValues(followup);
	const given = Object.fromEntries(
		Object.entries(form).filter(([key]) => (FOLLOWUP_FIELDS as readonly string[]).includes(key))
	);
	const input = isHub
		? { ...current, ...given }
		: { ...current, ...('status' in given ? { status: given.status } : {}) };
	const parsed = parseForm(followupSchema, input, FOLLOWUP_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	if (parsed.value.version && parsed.value.version !== followup.updated_at) {
		return { status: 'stale', values: formValues(input, FOLLOWUP_FIELDS) };
	}
	return db.transaction().execute(async (trx) => {
		await trx
			.updateTable('ta_followup')
			.set({
				action: parsed.value.action,
				due_on: parsed.value.dueOn,
				owner: parsed.value.owner,
				status: parsed.value.status,
				done_on: doneOn(parsed.value.status, followup, today),
				updated_at: nowIso()
			})
			.where('id', '=', followupId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'ta_followup',
			entityId: followupId,
			entityLabel: coalition.name,
			action: 'update',
			before: followupAudit(followup),
			after: followupAudit((await findFollowup(trx, followupId))!)
		});
		return { status: 'ok' as const, id: followupId };
	});
}

/**
 * Open follow-ups past their due day in the coalitions the actor may view, oldest first, for the
 * workspace overview. Archived coalitions are left out: nobody is working there any more.
 */
export async function overdueFollowups(
	db: Db,
	actor: Actor | null,
	networkId: string,
	today: string = localToday()
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const rows = await db
		.selectFrom('ta_followup')
		.innerJoin('ta_contact', 'ta_contact.id', 'ta_followup.contact_id')
		.innerJoin('coalition', 'coalition.id', 'ta_contact.coalition_id')
		.select([
			'ta_followup.id',
			'ta_followup.action',
			'ta_followup.due_on',
			'ta_followup.owner',
			'ta_followup.contact_id',
			'ta_contact.coalition_id',
			'coalition.name as coalition_name'
		])
		.where('coalition.network_id', '=', networkId)
		.where('coalition.status', '!=', 'archived')
		.where('ta_followup.status', '=', 'open')
		.where('ta_followup.due_on', '<', today)
		.orderBy('ta_followup.due_on')
		.orderBy('ta_followup.created_at')
		.orderBy('ta_followup.id')
		.execute();
	const ids = [...new Set(rows.map((r) => r.coalition_id))];
	const coalitions = ids.length
		? await db.selectFrom('coalition').selectAll().where('id', 'in', ids).execute()
		: [];
	const viewable = new Set<string>();
	for (const c of coalitions) {
		if (canViewCoalition(actor, await coalitionScope(db, mapCoalition(c)))) viewable.add(c.id);
	}
	return rows
		.filter((r) => viewable.has(r.coalition_id))
		.map((r) => ({
			id: r.id,
			action: r.action,
			dueOn: r.due_on,
			owner: r.owner,
			contactId: r.contact_id,
			coalitionId: r.coalition_id,
			coalitionName: r.coalition_name
		}));
}
