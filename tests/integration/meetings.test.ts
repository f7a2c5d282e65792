import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDays, todayInLima } from '../../src/lib/domain/meetings';
import { normalizeForSearch } from '../../src/lib/domain/text';
import { historyOf } from '../../src/lib/server/audit/service';
import type { Db } from '../../src/lib/server/db';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import {
	attendanceReport,
	createMeeting,
	deleteMeeting,
	listMeetings,
	meetingForEdit,
	meetingsSummary,
	newMeetingForm,
	updateMeeting
} from '../../src/lib/server/meetings/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

/** A person and their membership, written directly: the members module is not ours to call. */
async function member(
	db: Db,
	networkId: string,
	coalitionId: string,
	person: { first: string; last: string | null; erased?: boolean },
	membership: { sector: string; startedOn: string; endedOn?: string | null }
): Promise<string> {
	const now = nowIso();
	const personId = newId();
	await db
		.insertInto('person')
		.values({
			id: personId,
			network_id: networkId,
			first_name: person.erased ? 'anon' : person.first,
			last_name: person.erased ? null : person.last,
			name_search: normalizeForSearch(`${person.first} ${person.last ?? ''}`),
			email: null,
			phone: null,
			gender: null,
			birth_year: null,
			age_group: null,
			erased_at: person.erased ? now : null,
			created_at: now,
			updated_at: now
		})
		.execute();
	const id = newId();
	await db
		.insertInto('membership')
		.values({
			id,
			coalition_id: coalitionId,
			person_id: personId,
			role: 'member',
			sector: membership.sector,
			organization_name: null,
			started_on: membership.startedOn,
			ended_on: membership.endedOn ?? null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

describe.each(dialects())('meetings and attendance on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let people: Record<'rosa' | 'julio' | 'maria' | 'erased' | 'huaroMember', string>;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		const at =
			(coalitionId: string) => (p: Parameters<typeof member>[3], m: Parameters<typeof member>[4]) =>
				member(handle.db, ids.networkId, coalitionId, p, m);
		const callao = at(ids.callaoNorte);
		people = {
			rosa: await callao(
				{ first: 'Rosa', last: 'Quispe' },
				{ sector: 'schools', startedOn: '2020-03-01' }
			),
			// joins in the middle of the period the rates are asked for
			julio: await callao(
				{ first: 'Julio', last: 'Huamán' },
				{ sector: 'schools', startedOn: '2025-04-01' }
			),
			maria: await callao(
				{ first: 'María', last: 'Flores' },
				{ sector: 'healthcare', startedOn: '2019-01-01', endedOn: '2025-12-31' }
			),
			erased: await callao(
				{ first: 'Ana', last: 'Torres', erased: true },
				{ sector: 'youth', startedOn: '2024-01-01' }
			),
			huaroMember: await at(ids.huaro)(
				{ first: 'Pedro', last: 'Mamani' },
				{ sector: 'parents', startedOn: '2018-01-01' }
			)
		};
	});
	afterAll(async () => handle?.close());

	const coordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const count = async () =>
		Number(
			(
				await handle.db
					.selectFrom('meeting')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	const log = (form: Record<string, unknown>, coalitionId = ids.callaoNorte) =>
		createMeeting(handle.db, coordinator(), coalitionId, {
			kind: 'coalition',
			guestsCount: '0',
			...form
		});

	it('logs a meeting with the members present, auditing ids and never names', async () => {
		const result = await log({
			heldOn: '2025-02-10',
			title: 'Asamblea de febrero',
			guestsCount: '4',
			decisions: 'Organizar la feria preventiva.',
			attendees: [people.rosa, people.maria]
		});
		expect(result.status).toBe('ok');
		const id = (result as { id: string }).id;
		const record = await meetingForEdit(handle.db, coordinator(), ids.callaoNorte, id);
		expect(record.meeting).toMatchObject({
			heldOn: '2025-02-10',
			guestsCount: 4,
			membersPresent: 2
		});
		expect(record.attendees?.map((a) => a.name)).toEqual(['María Flores', 'Rosa Quispe']);
		expect(record.values?.attendees.split(',').sort()).toEqual([people.rosa, people.maria].sort());
		const [created] = await handle.db
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_id', '=', id)
			.execute();
		expect(created).toMatchObject({ entity_type: 'meeting', action: 'create' });
		expect(JSON.parse(created.after_json!).attendeeIds).toEqual([people.rosa, people.maria].sort());
		expect(created.after_json).not.toMatch(/Rosa|Quispe|María/);
		expect(created.entity_label).not.toMatch(/Rosa|María/);
		// The history shows the names again, to those who may see them.
		expect(record.history[0].changes).toContainEqual({
			field: 'attendeeIds',
			before: null,
			after: ['María Flores', 'Rosa Quispe']
		});
	});

	it('offers the current members to tick, erased people excepted', async () => {
		const form = await newMeetingForm(handle.db, coordinator(), ids.callaoNorte);
		expect(form.values.heldOn).toBe(todayInLima());
		const offered = form.choices.map((c) => c.value);
		expect(offered).toContain(people.rosa);
		expect(offered).toContain(people.julio);
		expect(offered).not.toContain(people.erased);
		expect(offered).not.toContain(people.huaroMember);
	});

	it('refuses a date in the future and attendees who were not members that day', async () => {
		const before = await count();
		const future = await log({ heldOn: shiftDays(todayInLima(), 1), attendees: [people.rosa] });
		expect(future).toMatchObject({ status: 'invalid', errors: { heldOn: 'date_future' } });
		const otherCoalition = await log({
			heldOn: '2025-03-01',
			attendees: [people.rosa, people.huaroMember]
		});
		expect(otherCoalition).toMatchObject({
			status: 'invalid',
			errors: { attendees: 'not_found' },
			values: { heldOn: '2025-03-01', attendees: `${people.rosa},${people.huaroMember}` }
		});
		// Julio joined in April 2025; María left at the end of 2025.
		expect(await log({ heldOn: '2025-03-01', attendees: [people.julio] })).toMatchObject({
			errors: { attendees: 'not_found' }
		});
		expect(await log({ heldOn: '2026-01-05', attendees: [people.maria] })).toMatchObject({
			errors: { attendees: 'not_found' }
		});
		expect(await log({ heldOn: '2025-03-01', attendees: ['no-such-membership'] })).toMatchObject({
			errors: { attendees: 'not_found' }
		});
		expect(await count()).toBe(before);
	});

	it('computes rates per member and per sector, counting a late joiner only from joining', async () => {
		// 2025-02-10 (above): Rosa and María. Three more in the year:
		for (const [heldOn, attendees] of [
			['2025-05-20', [people.rosa, people.julio]],
			['2025-08-15', [people.julio, people.maria]],
			['2025-11-03', [people.rosa, people.julio, people.maria]]
		] as const) {
			expect((await log({ heldOn, attendees: [...attendees], guestsCount: '2' })).status).toBe(
				'ok'
			);
		}
		const report = await attendanceReport(handle.db, coordinator(), ids.callaoNorte, {
			from: '2025-01-01',
			to: '2025-12-31'
		});
		expect(report.meetings).toBe(4);
		expect(report.guests).toBe(10);
		const rate = (id: string) => report.members!.find((m) => m.membershipId === id);
		expect(rate(people.rosa)).toMatchObject({ attended: 3, expected: 4, rate: 0.75 });
		// Julio was expected at the three meetings after he joined in April, and came to all three.
		expect(rate(people.julio)).toMatchObject({
			attended: 3,
			expected: 3,
			rate: 1,
			name: 'Julio Huamán'
		});
		expect(rate(people.maria)).toMatchObject({ attended: 3, expected: 4, rate: 0.75 });
		expect(rate(people.erased)).toMatchObject({ attended: 0, expected: 4, name: null });
		expect(report.sectors).toEqual([
			{ sector: 'youth', members: 1, attended: 0, expected: 4, rate: 0 },
			{ sector: 'schools', members: 2, attended: 6, expected: 7, rate: 6 / 7 },
			{ sector: 'healthcare', members: 1, attended: 3, expected: 4, rate: 0.75 }
		]);
		expect(report.overall).toEqual({ attended: 9, expected: 15, rate: 0.6 });
		expect(report.quarters.map((q) => [q.quarter, q.meetings, q.overall.rate])).toEqual([
			[1, 1, 2 / 3],
			[2, 1, 2 / 4],
			[3, 1, 2 / 4],
			[4, 1, 3 / 4]
		]);
		const committees = await attendanceReport(handle.db, coordinator(), ids.callaoNorte, {
			from: '2025-01-01',
			to: '2025-12-31',
			kind: 'committee'
		});
		expect(committees.meetings).toBe(0);
		expect(committees.overall.rate).toBeNull();
	});

	it('lists meetings newest first and sums them up at a glance', async () => {
		const recent = shiftDays(todayInLima(), -10);
		expect((await log({ heldOn: recent, attendees: [people.rosa, people.julio] })).status).toBe(
			'ok'
		);
		const list = await listMeetings(handle.db, coordinator(), ids.callaoNorte);
		expect(list.rows[0]).toMatchObject({ heldOn: recent, membersPresent: 2 });
		expect(list.rows.map((r) => r.heldOn)).toEqual(
			[...list.rows.map((r) => r.heldOn)].sort().reverse()
		);
		expect(list.canEdit).toBe(true);
		const summary = await meetingsSummary(handle.db, coordinator(), ids.callaoNorte);
		expect(summary.last).toMatchObject({ heldOn: recent, kind: 'coalition' });
		expect(summary.countLast12Months).toBeGreaterThanOrEqual(1);
		expect(summary.averageAttendanceRate).toBeGreaterThan(0);
	});

	it('keeps each coalition to its own people: scope for coordinators, partners and viewers', async () => {
		const [meeting] = (await listMeetings(handle.db, coordinator(), ids.callaoNorte)).rows;
		const huaroCoordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });
		await expect(listMeetings(handle.db, coordinator(), ids.huaro)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			createMeeting(handle.db, coordinator(), ids.huaro, { heldOn: '2025-01-01', kind: 'other' })
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			meetingForEdit(handle.db, huaroCoordinator, ids.callaoNorte, meeting.id)
		).rejects.toBeInstanceOf(NotFoundError);
		// A meeting is only found under its own coalition.
		const admin = actorWith('network_admin', ids.networkId);
		await expect(meetingForEdit(handle.db, admin, ids.huaro, meeting.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
		const sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		expect((await meetingForEdit(handle.db, sumbi, ids.callaoNorte, meeting.id)).canEdit).toBe(
			true
		);
		await expect(listMeetings(handle.db, sumbi, ids.huaro)).rejects.toBeInstanceOf(NotFoundError);

		const viewer = actorWith('viewer', ids.networkId);
		const list = await listMeetings(handle.db, viewer, ids.callaoNorte);
		expect(list.canEdit).toBe(false);
		expect(list.rows[0]).toMatchObject({ membersPresent: 2 });
		const seen = await meetingForEdit(handle.db, viewer, ids.callaoNorte, meeting.id);
		expect(seen).toMatchObject({
			canEdit: false,
			canSeePeople: false,
			attendees: null,
			values: null,
			choices: []
		});
		expect(seen.meeting.membersPresent).toBe(2);
		expect(seen.history[0].changes).toContainEqual({
			field: 'attendeeIds',
			before: null,
			after: 2
		});
		expect(JSON.stringify(seen)).not.toMatch(/Rosa|Julio|Quispe/);
		const report = await attendanceReport(handle.db, viewer, ids.callaoNorte, {
			from: '2025-01-01',
			to: '2025-12-31'
		});
		expect(report.members).toBeNull();
		expect(report.overall.rate).toBe(0.6);
		expect(JSON.stringify(report)).not.toMatch(/Rosa|Julio|Quispe/);
		await expect(newMeetingForm(handle.db, viewer, ids.callaoNorte)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			updateMeeting(handle.db, viewer, ids.callaoNorte, meeting.id, {})
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			deleteMeeting(handle.db, viewer, ids.callaoNorte, meeting.id)
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('edits attendance with before and after, refuses a stale save, and deletes with a record', async () => {
		const created = await log({ heldOn: '2025-06-30', attendees: [people.rosa] });
		const id = (created as { id: string }).id;
		const first = await meetingForEdit(handle.db, coordinator(), ids.callaoNorte, id);
		const saved = await updateMeeting(handle.db, coordinator(), ids.callaoNorte, id, {
			...first.values,
			kind: 'committee',
			attendees: [people.rosa, people.julio]
		});
		expect(saved).toEqual({ status: 'ok', id });
		const [update] = await historyOf(handle.db, 'meeting', id);
		expect(update.action).toBe('update');
		expect(update.changes).toEqual(
			expect.arrayContaining([
				{ field: 'kind', before: 'coalition', after: 'committee' },
				{ field: 'attendeeIds', before: [people.rosa], after: [people.rosa, people.julio].sort() }
			])
		);
		const stale = await updateMeeting(handle.db, coordinator(), ids.callaoNorte, id, {
			...first.values,
			title: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { title: 'Mi versión' } });

		await deleteMeeting(handle.db, coordinator(), ids.callaoNorte, id);
		await expect(
			meetingForEdit(handle.db, coordinator(), ids.callaoNorte, id)
		).rejects.toBeInstanceOf(NotFoundError);
		const left = await handle.db
			.selectFrom('meeting_attendance')
			.select('membership_id')
			.where('meeting_id', '=', id)
			.execute();
		expect(left).toEqual([]);
		const [deleted] = await historyOf(handle.db, 'meeting', id);
		expect(deleted).toMatchObject({ action: 'delete', actor: 'Test coordinator' });
	});
});
