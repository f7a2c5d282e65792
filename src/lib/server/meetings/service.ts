/**
 * A coalition's meetings and who came to them. Anyone who may see the coalition reads the dates,
 * kinds and counts; the names of the members present are personal data, shown only to those who
 * may edit it. Writes are for editors, in one transaction with their audit record, which keeps
 * membership ids (never names).
 */
import { canEditCoalition, canSeePersonalData, type Actor } from '$lib/domain/access';
import { MEETING_KINDS } from '$lib/domain/capacity';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	attendanceByQuarter,
	attendanceRates,
	isDateText,
	lastFourQuarters,
	lastTwelveMonths,
	todayInLima,
	type MembershipFact,
	type Period
} from '$lib/domain/meetings';
import { MEETING_FIELDS, meetingSchema, type MeetingInput } from '$lib/domain/schemas/meeting';
import { joinIds } from '$lib/domain/schemas/phase';
import { historyOf, recordAudit, type AuditRecord } from '../audit/service';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import type { MeetingTable } from '../db/types';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Selectable } from 'kysely';

export const MEETINGS_PAGE_SIZE = 20;

/** More quarters than this make the "over time" table unreadable on a phone; the latest are kept. */
export const MAX_QUARTERS = 8;

type MeetingRow = Selectable<MeetingTable>;

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

/** A member as the coalition's editors see them: `name` is null once the person was erased. */
export interface MemberChoice {
	value: string;
	name: string | null;
	sector: string;
	role: string;
	startedOn: string;
	endedOn: string | null;
}

interface MembershipWithPerson {
	id: string;
	sector: string;
	role: string;
	started_on: string;
	ended_on: string | null;
	first_name: string;
	last_name: string | null;
	erased_at: string | null;
}

function nameOf(m: Pick<MembershipWithPerson, 'first_name' | 'last_name' | 'erased_at'>) {
	if (m.erased_at !== null) return null;
	return [m.first_name, m.last_name].filter(Boolean).join(' ');
}

function byName(a: { name: string | null }, b: { name: string | null }): number {
	// Erased people have no name to sort by; they go last.
	if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1;
	return a.name.localeCompare(b.name, 'es');
}

function membershipsQuery(db: Db, coalitionId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('person', 'person.id', 'membership.person_id')
		.select([
			'membership.id',
			'membership.sector',
			'membership.role',
			'membership.started_on',
			'membership.ended_on',
			'person.first_name',
			'person.last_name',
			'person.erased_at'
		])
		.where('membership.coalition_id', '=', coalitionId);
}

function toChoice(m: MembershipWithPerson): MemberChoice {
	return {
		value: m.id,
		name: nameOf(m),
		sector: m.sector,
		role: m.role,
		startedOn: m.started_on,
		endedOn: m.ended_on
	};
}

/** The meeting if it belongs to the coalition and the actor may see (or edit) it. */
async function requireMeeting(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	meetingId: string,
	mode: 'view' | 'edit'
) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, mode);
	const meeting = await db
		.selectFrom('meeting')
		.selectAll()
		.where('id', '=', meetingId)
		.where('coalition_id', '=', coalitionId)
		.executeTakeFirst();
	if (!meeting) throw new NotFoundError('meeting');
	return { coalition, scope, meeting };
}

async function attendeeIdsOf(db: Db, meetingId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('meeting_attendance')
		.select('membership_id')
		.where('meeting_id', '=', meetingId)
		.execute();
	return rows.map((r) => r.membership_id).sort();
}

/** What the audit trail keeps of a meeting: its fields and who was present, by membership id. */
function auditShape(m: MeetingRow, attendeeIds: string[]) {
	return {
		heldOn: m.held_on,
		kind: m.kind,
		title: m.title,
		guestsCount: Number(m.guests_count),
		decisions: m.decisions,
		attendeeIds: [...attendeeIds].sort()
	};
}

function entityLabel(coalitionName: string, m: { held_on: string; title: string | null }) {
	return [coalitionName, m.held_on, m.title].filter(Boolean).join(' · ');
}

function toFormValues(m: MeetingRow, attendeeIds: string[]): Record<string, string> {
	return {
		heldOn: m.held_on,
		kind: m.kind,
		title: m.title ?? '',
		guestsCount: String(m.guests_count),
		decisions: m.decisions ?? '',
		attendees: attendeeIds.join(','),
		version: m.updated_at
	};
}

/**
 * Who can be ticked as present: the members of the last twelve months (and of the meeting's
 * date, for an older one), plus whoever is already recorded. Erased people are not offered
 * again. The save checks each against the meeting's actual date.
 */
async function attendeeChoices(
	db: Db,
	coalitionId: string,
	heldOn: string | null,
	recorded: string[]
): Promise<MemberChoice[]> {
	const today = todayInLima();
	const windowStart = [lastTwelveMonths(today).from, heldOn ?? today].sort()[0];
	const rows = await membershipsQuery(db, coalitionId).execute();
	const wanted = new Set(recorded);
	return rows
		.filter(
			(m) =>
				wanted.has(m.id) ||
				(m.erased_at === null &&
					m.started_on <= today &&
					(m.ended_on === null || m.ended_on >= windowStart))
		)
		.map(toChoice)
		.sort(byName);
}

/** The coalition's meetings, newest first, a page at a time. */
export async function listMeetings(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	query: { page?: number } = {}
) {
	const { scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const total = Number(
		(
			await db
				.selectFrom('meeting')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('coalition_id', '=', coalitionId)
				.executeTakeFirstOrThrow()
		).n
	);
	const pages = Math.max(1, Math.ceil(total / MEETINGS_PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1) || 1));
	const rows = await db
		.selectFrom('meeting')
		.select((eb) => [
			'meeting.id',
			'meeting.held_on',
			'meeting.kind',
			'meeting.title',
			'meeting.guests_count',
			eb
				.selectFrom('meeting_attendance')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('meeting_attendance.meeting_id', '=', 'meeting.id')
				.as('members_present')
		])
		.where('meeting.coalition_id', '=', coalitionId)
		.orderBy('meeting.held_on', 'desc')
		.orderBy('meeting.created_at', 'desc')
		.limit(MEETINGS_PAGE_SIZE)
		.offset((page - 1) * MEETINGS_PAGE_SIZE)
		.execute();
	return {
		rows: rows.map((r) => ({
			id: r.id,
			heldOn: r.held_on,
			kind: r.kind,
			title: r.title,
			guestsCount: Number(r.guests_count),
			membersPresent: Number(r.members_present ?? 0)
		})),
		total,
		page,
		pages,
		pageSize: MEETINGS_PAGE_SIZE,
		canEdit: canEditCoalition(actor, scope)
	};
}

/** An empty "log a meeting" form: today's date, and the members to tick. */
export async function newMeetingForm(db: Db, actor: Actor | null, coalitionId: string) {
	await requireCoalition(db, actor, coalitionId, 'edit');
	return {
		values: {
			heldOn: todayInLima(),
			kind: 'coalition',
			title: '',
			guestsCount: '0',
			decisions: '',
			attendees: '',
			version: ''
		} as Record<string, string>,
		choices: await attendeeChoices(db, coalitionId, null, [])
	};
}

/**
 * The audit trail keeps membership ids; here they become names (null for an erased person) for
 * those who may see them, and a head count for everyone else.
 */
async function meetingHistory(
	db: Db,
	coalitionId: string,
	meetingId: string,
	canSeePeople: boolean
): Promise<AuditRecord[]> {
	const history = await historyOf(db, 'meeting', meetingId);
	const names = new Map<string, string | null>();
	if (canSeePeople) {
		for (const m of await membershipsQuery(db, coalitionId).execute()) names.set(m.id, nameOf(m));
	}
	const say = (v: unknown) => {
		if (!Array.isArray(v)) return v;
		if (!canSeePeople) return v.length;
		return v
			.map((id) => ({ name: names.get(String(id)) ?? null }))
			.sort(byName)
			.map((p) => p.name);
	};
	return history.map((h) => ({
		...h,
		changes: h.changes.map((c) =>
			c.field === 'attendeeIds' ? { ...c, before: say(c.before), after: say(c.after) } : c
		)
	}));
}

export async function meetingForEdit(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	meetingId: string
) {
	const { scope, meeting } = await requireMeeting(db, actor, coalitionId, meetingId, 'view');
	const ids = await attendeeIdsOf(db, meetingId);
	const canEdit = canEditCoalition(actor, scope);
	const canSeePeople = canSeePersonalData(actor, scope);
	const choices = canSeePeople ? await attendeeChoices(db, coalitionId, meeting.held_on, ids) : [];
	const present = new Set(ids);
	return {
		meeting: {
			id: meeting.id,
			heldOn: meeting.held_on,
			kind: meeting.kind,
			title: meeting.title,
			guestsCount: Number(meeting.guests_count),
			decisions: meeting.decisions,
			membersPresent: ids.length
		},
		values: canEdit ? toFormValues(meeting, ids) : null,
		canEdit,
		canSeePeople,
		/** the members present, by name; null for those who may not see names */
		attendees: canSeePeople ? choices.filter((c) => present.has(c.value)) : null,
		choices: canEdit ? choices : [],
		history: await meetingHistory(db, coalitionId, meetingId, canSeePeople)
	};
}

/** Each member ticked must belong to this coalition on the day of the meeting. */
async function checkAttendees(db: Db, coalitionId: string, input: MeetingInput) {
	const errors: FieldErrors = {};
	if (input.attendees.length === 0) return errors;
	const found = await db
		.selectFrom('membership')
		.select('id')
		.where('coalition_id', '=', coalitionId)
		.where('id', 'in', input.attendees)
		.where('started_on', '<=', input.heldOn)
		.where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', input.heldOn)]))
		.execute();
	if (found.length !== input.attendees.length) errors.attendees = 'not_found';
	return errors;
}

function columnsOf(input: MeetingInput) {
	return {
		held_on: input.heldOn,
		kind: input.kind,
		title: input.title,
		guests_count: input.guestsCount,
		decisions: input.decisions
	};
}

async function writeAttendance(db: Db, meetingId: string, attendees: string[]) {
	await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
	if (attendees.length === 0) return;
	await db
		.insertInto('meeting_attendance')
		.values(
			attendees.map((membershipId) => ({ meeting_id: meetingId, membership_id: membershipId }))
		)
		.execute();
}

/** The posted form with the repeated `attendees` checkboxes joined, as the schema reads them. */
function withJoinedAttendees(form: Record<string, unknown>): Record<string, unknown> {
	return { ...form, attendees: joinIds(form.attendees) };
}

export async function createMeeting(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const input = withJoinedAttendees(form);
	const parsed = parseForm(meetingSchema, input, MEETING_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(input, MEETING_FIELDS);
	return db.transaction().execute(async (trx) => {
		const errors = await checkAttendees(trx, coalitionId, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('meeting')
			.values({
				id,
				coalition_id: coalitionId,
				...columnsOf(parsed.value),
				created_at: now,
				updated_at: now
			})
			.execute();
		await writeAttendance(trx, id, parsed.value.attendees);
		const created = await trx
			.selectFrom('meeting')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'meeting',
			entityId: id,
			entityLabel: entityLabel(coalition.name, created),
			action: 'create',
			after: auditShape(created, parsed.value.attendees)
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateMeeting(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	meetingId: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const { coalition, meeting } = await requireMeeting(db, actor, coalitionId, meetingId, 'edit');
	const input = withJoinedAttendees(form);
	const parsed = parseForm(meetingSchema, input, MEETING_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const values = formValues(input, MEETING_FIELDS);
	if (parsed.value.version && parsed.value.version !== meeting.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const errors = await checkAttendees(trx, coalitionId, parsed.value);
		if (Object.keys(errors).length) return { status: 'invalid' as const, errors, values };
		const before = auditShape(meeting, await attendeeIdsOf(trx, meetingId));
		await trx
			.updateTable('meeting')
			.set({ ...columnsOf(parsed.value), updated_at: nowIso() })
			.where('id', '=', meetingId)
			.execute();
		await writeAttendance(trx, meetingId, parsed.value.attendees);
		const after = await trx
			.selectFrom('meeting')
			.selectAll()
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'meeting',
			entityId: meetingId,
			entityLabel: entityLabel(coalition.name, after),
			action: 'update',
			before,
			after: auditShape(after, parsed.value.attendees)
		});
		return { status: 'ok' as const, id: meetingId };
	});
}

export async function deleteMeeting(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	meetingId: string
): Promise<void> {
	const { coalition, meeting } = await requireMeeting(db, actor, coalitionId, meetingId, 'edit');
	await db.transaction().execute(async (trx) => {
		const before = auditShape(meeting, await attendeeIdsOf(trx, meetingId));
		await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
		await trx.deleteFrom('meeting').where('id', '=', meetingId).execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'meeting',
			entityId: meetingId,
			entityLabel: entityLabel(coalition.name, meeting),
			action: 'delete',
			before
		});
	});
}

/** The meetings, attendance and memberships a period's rates are computed from. */
async function ratesInput(db: Db, coalitionId: string, period: Period, kind: string | null) {
	let meetingsQuery = db
		.selectFrom('meeting')
		.select(['id', 'held_on', 'guests_count'])
		.where('coalition_id', '=', coalitionId)
		.where('held_on', '>=', period.from)
		.where('held_on', '<=', period.to);
	if (kind) meetingsQuery = meetingsQuery.where('kind', '=', kind);
	const meetings = await meetingsQuery.execute();
	let attendanceQuery = db
		.selectFrom('meeting_attendance')
		.innerJoin('meeting', 'meeting.id', 'meeting_attendance.meeting_id')
		.select(['meeting_attendance.meeting_id', 'meeting_attendance.membership_id'])
		.where('meeting.coalition_id', '=', coalitionId)
		.where('meeting.held_on', '>=', period.from)
		.where('meeting.held_on', '<=', period.to);
	if (kind) attendanceQuery = attendanceQuery.where('meeting.kind', '=', kind);
	const attendance = meetings.length ? await attendanceQuery.execute() : [];
	// In name order, so the per-member rates come out ready to read.
	const people = (
		await membershipsQuery(db, coalitionId)
			.where('membership.started_on', '<=', period.to)
			.where((eb) =>
				eb.or([eb('membership.ended_on', 'is', null), eb('membership.ended_on', '>=', period.from)])
			)
			.execute()
	)
		.map(toChoice)
		.sort(byName);
	const facts: MembershipFact[] = people.map((p) => ({
		id: p.value,
		sector: p.sector,
		startedOn: p.startedOn,
		endedOn: p.endedOn
	}));
	return {
		meetings: meetings.map((m) => ({ id: m.id, heldOn: m.held_on })),
		guests: meetings.reduce((sum, m) => sum + Number(m.guests_count), 0),
		attendance: attendance.map((a) => ({
			meetingId: a.meeting_id,
			membershipId: a.membership_id
		})),
		memberships: facts,
		choices: new Map(people.map((p) => [p.value, p]))
	};
}

export interface ReportQuery {
	from?: string | null;
	to?: string | null;
	kind?: string | null;
}

/**
 * Attendance rates over a period (by default the current quarter and the three before it), per
 * sector and quarter for everyone who may see the coalition, and per member, by name, for those
 * who may see its people.
 */
export async function attendanceReport(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	query: ReportQuery = {}
) {
	const { scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const fallback = lastFourQuarters(todayInLima());
	const pick = (s: string | null | undefined, otherwise: string) =>
		s && isDateText(s) ? s : otherwise;
	let from = pick(query.from, fallback.from);
	let to = pick(query.to, fallback.to);
	if (from > to) [from, to] = [to, from];
	const kind = (MEETING_KINDS as readonly string[]).includes(query.kind ?? '') ? query.kind! : null;
	const period = { from, to };
	const input = await ratesInput(db, coalitionId, period, kind);
	const rates = attendanceRates(input.meetings, input.attendance, input.memberships, period);
	const quarters = attendanceByQuarter(input.meetings, input.attendance, input.memberships, period);
	return {
		period,
		kind,
		isDefault: from === fallback.from && to === fallback.to && kind === null,
		meetings: rates.meetings,
		guests: input.guests,
		overall: rates.overall,
		sectors: rates.sectors,
		quarters: quarters.slice(-MAX_QUARTERS).map((q) => ({
			year: q.year,
			quarter: q.quarter,
			from: q.period.from,
			to: q.period.to,
			meetings: q.meetings,
			overall: q.overall,
			sectors: q.sectors
		})),
		quartersCut: quarters.length > MAX_QUARTERS,
		members: canSeePersonalData(actor, scope)
			? rates.members.map((r) => ({ ...r, ...input.choices.get(r.membershipId)! }))
			: null
	};
}

/**
 * The coalition's meetings at a glance: the latest, how many in the last twelve months and the
 * pooled attendance rate over them (null when no one was expected at any).
 */
export async function meetingsSummary(db: Db, actor: Actor | null, coalitionId: string) {
	await requireCoalition(db, actor, coalitionId, 'view');
	const period = lastTwelveMonths(todayInLima());
	const last = await db
		.selectFrom('meeting')
		.select(['id', 'held_on', 'kind', 'title'])
		.where('coalition_id', '=', coalitionId)
		.orderBy('held_on', 'desc')
		.orderBy('created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	const input = await ratesInput(db, coalitionId, period, null);
	const rates = attendanceRates(input.meetings, input.attendance, input.memberships, period);
	return {
		last: last ? { id: last.id, heldOn: last.held_on, kind: last.kind, title: last.title } : null,
		countLast12Months: rates.meetings,
		averageAttendanceRate: rates.overall.rate
	};
}
