import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import {
	addMember,
	addMembership,
	coalitionSectorCoverage,
	endMembership,
	erasePerson,
	exportPerson,
	listMembers,
	memberForEdit,
	membersOpenItems,
	membersSummary,
	networkSectorCoverage,
	publicMemberCounts,
	recordConsent,
	updateMember
} from '../../src/lib/server/members/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const minorTyped = {
	firstName: 'Lucía',
	lastName: 'Quispe Mamani',
	email: '',
	phone: '987 654 321',
	gender: 'female',
	birthYear: '',
	ageGroup: '15_17',
	role: 'youth_member',
	sector: 'youth',
	organizationName: 'Municipio escolar IE Túpac Amaru',
	startedOn: '2025-03-10',
	endedOn: ''
};

const consentTyped = {
	guardianName: 'Juana Mamani Ccori',
	relationship: 'madre',
	method: 'written',
	consentedOn: '2025-03-01',
	documentRef: 'Acta 07-2025'
};

const adult = (sector: string, firstName: string, extra: Record<string, string> = {}) => ({
	firstName,
	lastName: 'Pérez',
	email: `${firstName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@ejemplo.pe`,
	phone: '',
	gender: '',
	birthYear: '1980',
	ageGroup: '',
	role: 'member',
	sector,
	organizationName: '',
	startedOn: '2025-01-15',
	endedOn: '',
	...extra
});

describe.each(dialects())('members, consent and coverage on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	const admin = () => actorWith('network_admin', ids.networkId);
	const callaoCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const huaroCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro }, 'user-huaro');
	const viewer = () => actorWith('viewer', ids.networkId);

	const count = async (table: 'person' | 'membership' | 'guardian_consent') =>
		Number(
			(
				await handle.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const audits = async (personId: string) =>
		handle.db
			.selectFrom('audit_event')
			.select(['action', 'entity_label', 'before_json', 'after_json'])
			.where('entity_type', '=', 'person')
			.where('entity_id', '=', personId)
			.execute();
	const added = (r: Awaited<ReturnType<typeof addMember>>) => {
		expect(r.status).toBe('ok');
		return (r as { personId: string }).personId;
	};

	it('refuses a minor’s details without a guardian’s consent, storing nothing and keeping what was typed', async () => {
		const before = [await count('person'), await count('membership')];
		const result = await addMember(handle.db, callaoCoordinator(), ids.callaoNorte, minorTyped);
		expect(result).toEqual({
			status: 'invalid',
			errors: {
				lastName: 'consent_required',
				phone: 'consent_required',
				gender: 'consent_required',
				organizationName: 'consent_required'
			},
			values: expect.objectContaining({
				firstName: 'Lucía',
				lastName: 'Quispe Mamani',
				phone: '987 654 321',
				organizationName: 'Municipio escolar IE Túpac Amaru'
			})
		});
		// a birth year is a detail too
		const withYear = await addMember(handle.db, callaoCoordinator(), ids.callaoNorte, {
			firstName: 'Lucía',
			birthYear: '2010',
			role: 'youth_member',
			sector: 'youth',
			startedOn: '2025-03-10'
		});
		expect(withYear).toMatchObject({
			status: 'invalid',
			errors: { birthYear: 'consent_required' }
		});
		expect([await count('person'), await count('membership')]).toEqual(before);
	});

	it('accepts the same minor with the consent in the form, and keeps the consent', async () => {
		const personId = added(
			await addMember(handle.db, callaoCoordinator(), ids.callaoNorte, {
				...minorTyped,
				...consentTyped
			})
		);
		const person = await handle.db
			.selectFrom('person')
			.selectAll()
			.where('id', '=', personId)
			.executeTakeFirstOrThrow();
		expect(person).toMatchObject({
			first_name: 'Lucía',
			last_name: 'Quispe Mamani',
			phone: '987 654 321',
			age_group: '15_17'
		});
		const record = await memberForEdit(handle.db, callaoCoordinator(), ids.callaoNorte, personId);
		expect(record.person).toMatchObject({ minor: true, hasConsent: true, awaitingConsent: false });
		expect(record.consents).toEqual([
			expect.objectContaining({ guardianName: 'Juana Mamani Ccori', method: 'written' })
		]);
		// the audit trail knows what was filled in, never who
		const trail = JSON.stringify(await audits(personId));
		for (const secret of ['Lucía', 'Quispe', '987', 'Juana', 'Túpac']) {
			expect(trail).not.toContain(secret);
		}
		expect(record.history[0]).toMatchObject({ action: 'create' });
		expect(record.history[0].changes).toEqual(
			expect.arrayContaining([
				{ field: 'hasLastName', before: null, after: true },
				{ field: 'consents', before: null, after: 1 }
			])
		);
	});

	it('lets a minor start with a first name and age group, then be completed once consent is recorded', async () => {
		const coordinator = callaoCoordinator();
		const personId = added(
			await addMember(handle.db, coordinator, ids.callaoNorte, {
				firstName: 'Mateo',
				ageGroup: 'under_15',
				role: 'youth_member',
				sector: 'youth',
				startedOn: '2025-04-01'
			})
		);
		const list = await listMembers(handle.db, coordinator, ids.callaoNorte);
		expect(list.people?.find((p) => p.personId === personId)).toMatchObject({
			firstName: 'Mateo',
			awaitingConsent: true
		});
		expect(list.awaitingConsent).toBe(1);
		const open = await membersOpenItems(handle.db, coordinator, ids.networkId);
		expect(open).toEqual([
			{ coalitionId: ids.callaoNorte, coalitionName: 'Callao Norte', awaitingConsent: 1 }
		]);
		expect(await membersOpenItems(handle.db, viewer(), ids.networkId)).toEqual([]);

		const record = await memberForEdit(handle.db, coordinator, ids.callaoNorte, personId);
		const refused = await updateMember(handle.db, coordinator, ids.callaoNorte, personId, {
			...record.values,
			lastName: 'Rojas',
			email: 'mateo@ejemplo.pe'
		});
		expect(refused).toMatchObject({
			status: 'invalid',
			errors: { lastName: 'consent_required', email: 'consent_required' },
			values: { lastName: 'Rojas' }
		});
		const badConsent = await recordConsent(handle.db, coordinator, ids.callaoNorte, personId, {
			...consentTyped,
			consentedOn: '2999-01-01'
		});
		expect(badConsent).toMatchObject({ status: 'invalid', errors: { consentedOn: 'date_future' } });
		expect(
			await recordConsent(handle.db, coordinator, ids.callaoNorte, personId, consentTyped)
		).toEqual({ status: 'ok', personId });
		const accepted = await updateMember(handle.db, coordinator, ids.callaoNorte, personId, {
			...record.values,
			lastName: 'Rojas',
			email: 'mateo@ejemplo.pe'
		});
		expect(accepted).toEqual({ status: 'ok', personId });
		expect(await membersOpenItems(handle.db, coordinator, ids.networkId)).toEqual([]);
		const history = await historyOf(handle.db, 'person', personId);
		expect(history.map((h) => h.action)).toEqual(['update', 'add_consent', 'create']);
		expect(JSON.stringify(await audits(personId))).not.toMatch(/Rojas|mateo@|Juana/);
		// a stale form is refused
		const stale = await updateMember(handle.db, coordinator, ids.callaoNorte, personId, {
			...record.values,
			lastName: 'Otro'
		});
		expect(stale).toMatchObject({ status: 'stale' });
	});

	it('refuses a consent for an adult and a youth-member role for one', async () => {
		const coordinator = callaoCoordinator();
		const youth = await addMember(
			handle.db,
			coordinator,
			ids.callaoNorte,
			adult('youth', 'Carlos', { role: 'youth_member' })
		);
		expect(youth).toMatchObject({ status: 'invalid', errors: { role: 'youth_member_age' } });
		const personId = added(
			await addMember(handle.db, coordinator, ids.callaoNorte, adult('media', 'Carla'))
		);
		expect(
			await recordConsent(handle.db, coordinator, ids.callaoNorte, personId, consentTyped)
		).toMatchObject({ status: 'invalid', errors: { guardianName: 'consent_not_needed' } });
	});

	it('counts only active memberships per sector, lists the gaps, and follows additions and endings', async () => {
		const coordinator = huaroCoordinator();
		const start = await coalitionSectorCoverage(handle.db, coordinator, ids.huaro);
		expect(start).toMatchObject({ represented: 0, total: 0 });
		expect(start.gaps).toHaveLength(12);

		const teacher = added(
			await addMember(handle.db, coordinator, ids.huaro, adult('schools', 'Elena'))
		);
		added(await addMember(handle.db, coordinator, ids.huaro, adult('healthcare', 'Raúl')));
		added(await addMember(handle.db, coordinator, ids.huaro, adult('healthcare', 'Nora')));
		// someone who already left does not count
		added(
			await addMember(
				handle.db,
				coordinator,
				ids.huaro,
				adult('media', 'Óscar', { startedOn: '2024-01-01', endedOn: '2024-12-31' })
			)
		);
		const after = await coalitionSectorCoverage(handle.db, coordinator, ids.huaro);
		expect(after.represented).toBe(2);
		expect(after.total).toBe(3);
		expect(after.sectors.find((s) => s.sector === 'healthcare')?.active).toBe(2);
		expect(after.gaps).toContain('media');
		expect(after.gaps).not.toContain('schools');

		const ended = await endMembership(handle.db, coordinator, ids.huaro, teacher, {
			endedOn: '2025-06-30'
		});
		expect(ended).toEqual({ status: 'ok', personId: teacher });
		expect(
			await endMembership(handle.db, coordinator, ids.huaro, teacher, { endedOn: '2024-12-31' })
		).toMatchObject({ status: 'invalid', errors: { endedOn: 'dates_order' } });
		const later = await coalitionSectorCoverage(handle.db, coordinator, ids.huaro);
		expect(later.represented).toBe(1);
		expect(later.gaps).toContain('schools');

		const list = await listMembers(handle.db, coordinator, ids.huaro);
		expect(list.people?.map((p) => p.firstName)).toEqual(['Nora', 'Raúl']);
		expect(list.ended).toBe(2);
		const all = await listMembers(handle.db, coordinator, ids.huaro, { includeEnded: true });
		expect(all.people).toHaveLength(4);
		expect(await membersSummary(handle.db, viewer(), ids.huaro)).toMatchObject({
			total: 2,
			represented: 1,
			awaitingConsent: null
		});
		expect(await publicMemberCounts(handle.db, ids.huaro)).toEqual({ total: 2, represented: 1 });
	});

	it('shows the network as coalitions × sectors, counts only, for any role in it', async () => {
		const view = await networkSectorCoverage(handle.db, viewer(), ids.networkId);
		expect(view.sectors).toHaveLength(12);
		const huaro = view.rows.find((r) => r.id === ids.huaro)!;
		expect(huaro).toMatchObject({ name: 'Huaro', total: 2, gaps: 11 });
		expect(huaro.counts[view.sectors.indexOf('healthcare')]).toBe(2);
		const callao = view.rows.find((r) => r.id === ids.callaoNorte)!;
		expect(callao.counts[view.sectors.indexOf('youth')]).toBe(2);
		expect(JSON.stringify(view)).not.toMatch(/Lucía|Nora|Pérez/);
		expect(view.missing[view.sectors.indexOf('business')]).toBe(view.rows.length);
		expect(view.missing[view.sectors.indexOf('healthcare')]).toBe(view.rows.length - 1);

		const byGaps = await networkSectorCoverage(handle.db, callaoCoordinator(), ids.networkId, {
			sort: 'gaps'
		});
		expect(byGaps.rows.at(-1)?.gaps).toBeLessThan(12);
		const region = view.regions.find((r) => r.name === 'Región Costa')!;
		const costa = await networkSectorCoverage(handle.db, viewer(), ids.networkId, {
			regionId: region.id
		});
		expect(costa.rows).toHaveLength(9);
		await expect(networkSectorCoverage(handle.db, null, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			networkSectorCoverage(handle.db, actorWith('viewer', 'other-network'), ids.networkId)
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('keeps people within scope: names to editors, counts to viewers, "not found" elsewhere', async () => {
		const own = await listMembers(handle.db, callaoCoordinator(), ids.callaoNorte);
		expect(own.canSeePeople).toBe(true);
		expect(own.people?.length).toBeGreaterThan(0);
		await expect(listMembers(handle.db, callaoCoordinator(), ids.huaro)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			addMember(handle.db, callaoCoordinator(), ids.huaro, adult('media', 'Intruso'))
		).rejects.toBeInstanceOf(NotFoundError);

		const seen = await listMembers(handle.db, viewer(), ids.callaoNorte);
		expect(seen.canSeePeople).toBe(false);
		expect(seen.people).toBeNull();
		expect(seen.coverage.total).toBe(own.coverage.total);
		expect(seen.byRole.find((r) => r.role === 'youth_member')?.active).toBe(2);
		expect(JSON.stringify(seen)).not.toMatch(/Lucía|Mateo|Carla/);
		await expect(
			addMember(handle.db, viewer(), ids.callaoNorte, adult('media', 'Intruso'))
		).rejects.toBeInstanceOf(NotFoundError);

		const sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		expect((await listMembers(handle.db, sumbi, ids.callaoNorte)).canSeePeople).toBe(true);
		await expect(listMembers(handle.db, sumbi, ids.huaro)).rejects.toBeInstanceOf(NotFoundError);
		const creser = actorWith('partner_staff', ids.networkId, { organizationId: ids.creser });
		expect((await listMembers(handle.db, creser, ids.huaro)).people?.length).toBe(2);

		const someone = own.people![0].personId;
		await expect(
			memberForEdit(handle.db, viewer(), ids.callaoNorte, someone)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(exportPerson(handle.db, viewer(), someone)).rejects.toBeInstanceOf(NotFoundError);
		await expect(exportPerson(handle.db, huaroCoordinator(), someone)).rejects.toBeInstanceOf(
			NotFoundError
		);
		// a person of Callao Norte is not reachable through Huaro's pages either
		await expect(memberForEdit(handle.db, admin(), ids.huaro, someone)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(erasePerson(handle.db, viewer(), someone)).rejects.toBeInstanceOf(NotFoundError);
		await expect(exportPerson(handle.db, admin(), 'no-such-person')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	describe('export and erasure', () => {
		let personId: string;
		let meetingId: string;

		beforeAll(async () => {
			personId = added(
				await addMember(handle.db, callaoCoordinator(), ids.callaoNorte, {
					...minorTyped,
					...consentTyped,
					firstName: 'Valeria',
					lastName: 'Condori',
					email: 'valeria@ejemplo.pe',
					sector: 'youth'
				})
			);
			// she also joins Huaro (added by an administrator, who edits both)
			const joined = await addMembership(handle.db, admin(), ids.callaoNorte, personId, {
				coalitionId: ids.huaro,
				role: 'youth_member',
				sector: 'youth',
				organizationName: '',
				startedOn: '2025-05-01'
			});
			expect(joined).toMatchObject({ status: 'ok', coalitionId: ids.huaro });
			const again = await addMembership(handle.db, admin(), ids.callaoNorte, personId, {
				coalitionId: ids.huaro,
				role: 'member',
				sector: 'youth',
				organizationName: 'IE Huaro',
				startedOn: '2025-05-01'
			});
			expect(again).toMatchObject({
				status: 'invalid',
				errors: { coalitionId: 'already_member' }
			});
			const now = nowIso();
			meetingId = newId();
			await handle.db
				.insertInto('meeting')
				.values({
					id: meetingId,
					coalition_id: ids.callaoNorte,
					held_on: '2025-06-01',
					kind: 'coalition',
					title: 'Asamblea',
					decisions: null,
					created_at: now,
					updated_at: now
				})
				.execute();
			const membership = await handle.db
				.selectFrom('membership')
				.select('id')
				.where('person_id', '=', personId)
				.where('coalition_id', '=', ids.callaoNorte)
				.executeTakeFirstOrThrow();
			await handle.db
				.insertInto('meeting_attendance')
				.values({ meeting_id: meetingId, membership_id: membership.id })
				.execute();
			const eventId = newId();
			await handle.db
				.insertInto('training_event')
				.values({
					id: eventId,
					network_id: ids.networkId,
					title: 'Taller de liderazgo juvenil',
					title_search: 'taller de liderazgo juvenil',
					kind: 'local_workshop',
					starts_on: '2025-07-05',
					ends_on: null,
					place: 'Callao',
					organizer_id: ids.sumbi,
					topics: 'enhance_skills',
					hours: 6,
					description: null,
					created_at: now,
					updated_at: now
				})
				.execute();
			await handle.db
				.insertInto('training_attendance')
				.values({
					id: newId(),
					event_id: eventId,
					person_id: personId,
					coalition_id: ids.callaoNorte,
					hours: null,
					certificate_code: `MINKA-${newId().slice(0, 8)}`,
					created_at: now
				})
				.execute();
		});

		it('exports everything kept about the person', async () => {
			const data = await exportPerson(handle.db, callaoCoordinator(), personId);
			expect(data.person).toMatchObject({
				id: personId,
				firstName: 'Valeria',
				lastName: 'Condori',
				email: 'valeria@ejemplo.pe',
				ageGroup: '15_17',
				erasedAt: null
			});
			expect(data.consents).toEqual([
				expect.objectContaining({ guardianName: 'Juana Mamani Ccori', consentedOn: '2025-03-01' })
			]);
			expect(data.memberships.map((m) => m.coalition).sort()).toEqual(['Callao Norte', 'Huaro']);
			expect(data.trainingAttendance).toEqual([
				expect.objectContaining({ training: 'Taller de liderazgo juvenil', hours: 6 })
			]);
			expect(data.meetingAttendanceCount).toBe(1);
			// through either coalition
			expect((await exportPerson(handle.db, huaroCoordinator(), personId)).person.id).toBe(
				personId
			);
		});

		it('erases names, contacts and consents but keeps memberships, attendance and counts', async () => {
			const counts = async () => ({
				memberships: await count('membership'),
				meetings: Number(
					(
						await handle.db
							.selectFrom('meeting_attendance')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('meeting_id', '=', meetingId)
							.executeTakeFirstOrThrow()
					).n
				),
				trainings: Number(
					(
						await handle.db
							.selectFrom('training_attendance')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('person_id', '=', personId)
							.executeTakeFirstOrThrow()
					).n
				),
				callao: await coalitionSectorCoverage(handle.db, admin(), ids.callaoNorte),
				network: (await networkSectorCoverage(handle.db, admin(), ids.networkId)).rows
			});
			const before = await counts();

			// the Callao coordinator does not edit Huaro, where she also belongs
			const record = await memberForEdit(handle.db, callaoCoordinator(), ids.callaoNorte, personId);
			expect(record.canErase).toBe(false);
			await expect(erasePerson(handle.db, callaoCoordinator(), personId)).rejects.toBeInstanceOf(
				NotFoundError
			);
			expect((await memberForEdit(handle.db, admin(), ids.callaoNorte, personId)).canErase).toBe(
				true
			);

			expect(await erasePerson(handle.db, admin(), personId)).toEqual({ status: 'ok' });
			expect(await counts()).toEqual(before);

			const person = await handle.db
				.selectFrom('person')
				.selectAll()
				.where('id', '=', personId)
				.executeTakeFirstOrThrow();
			expect(person).toMatchObject({
				first_name: 'anon',
				last_name: null,
				email: null,
				phone: null,
				gender: null,
				birth_year: null,
				age_group: '15_17'
			});
			expect(person.erased_at).not.toBeNull();
			const consents = await handle.db
				.selectFrom('guardian_consent')
				.select('id')
				.where('person_id', '=', personId)
				.execute();
			expect(consents).toEqual([]);
			const orgs = await handle.db
				.selectFrom('membership')
				.select('organization_name')
				.where('person_id', '=', personId)
				.execute();
			expect(orgs.every((o) => o.organization_name === null)).toBe(true);

			const trail = await audits(personId);
			const erase = trail.find((a) => a.action === 'erase')!;
			expect(erase).toBeDefined();
			expect(JSON.parse(erase.after_json!)).toMatchObject({
				erased: true,
				hasLastName: false,
				hasEmail: false,
				consents: 0
			});
			expect(JSON.stringify(trail)).not.toMatch(/Valeria|Condori|valeria@|Juana|Túpac|987/);

			const list = await listMembers(handle.db, admin(), ids.callaoNorte);
			expect(list.people?.find((p) => p.personId === personId)).toMatchObject({
				firstName: null,
				erased: true,
				awaitingConsent: false
			});
			const exported = await exportPerson(handle.db, admin(), personId);
			expect(exported.person).toMatchObject({ firstName: null, lastName: null, email: null });
			expect(exported.consents).toEqual([]);
			const again = await memberForEdit(handle.db, admin(), ids.callaoNorte, personId);
			expect(again).toMatchObject({ canEdit: false, canErase: false });
			await expect(
				updateMember(handle.db, admin(), ids.callaoNorte, personId, {
					...again.values,
					firstName: 'Valeria'
				})
			).rejects.toBeInstanceOf(NotFoundError);
			// erasing twice changes nothing more
			expect(await erasePerson(handle.db, admin(), personId)).toEqual({ status: 'ok' });
			expect((await audits(personId)).filter((a) => a.action === 'erase')).toHaveLength(1);
		});

		it('lets an editor of every one of the person’s coalitions erase them', async () => {
			const personId = added(
				await addMember(handle.db, huaroCoordinator(), ids.huaro, adult('business', 'Tomás'))
			);
			await erasePerson(handle.db, huaroCoordinator(), personId);
			const person = await handle.db
				.selectFrom('person')
				.select(['first_name', 'email'])
				.where('id', '=', personId)
				.executeTakeFirstOrThrow();
			expect(person).toEqual({ first_name: 'anon', email: null });
			const coverage = await coalitionSectorCoverage(handle.db, huaroCoordinator(), ids.huaro);
			expect(coverage.sectors.find((s) => s.sector === 'business')?.active).toBe(1);
		});
	});
});
