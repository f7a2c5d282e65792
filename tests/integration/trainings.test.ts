import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/lib/server/audit/service';
import type { Db } from '../../src/lib/server/db';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import {
	addAttendee,
	certificate,
	createTraining,
	listTrainings,
	removeAttendee,
	trainingForEdit,
	trainingsForCoalition,
	trainingSummary,
	updateTraining
} from '../../src/lib/server/trainings/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

/** People are another module's; the tests write the rows they need directly. */
async function addPerson(
	db: Db,
	networkId: string,
	firstName: string,
	lastName: string | null,
	coalitionIds: string[],
	options: { erased?: boolean; endedOn?: string } = {}
): Promise<string> {
	const now = nowIso();
	const id = newId();
	await db
		.insertInto('person')
		.values({
			id,
			network_id: networkId,
			first_name: options.erased ? 'anon' : firstName,
			last_name: options.erased ? null : lastName,
			name_search: options.erased ? 'anon' : `${firstName} ${lastName ?? ''}`.toLowerCase().trim(),
			email: null,
			phone: null,
			gender: null,
			birth_year: null,
			age_group: '30_59',
			erased_at: options.erased ? now : null,
			created_at: now,
			updated_at: now
		})
		.execute();
	for (const coalitionId of coalitionIds) {
		await db
			.insertInto('membership')
			.values({
				id: newId(),
				coalition_id: coalitionId,
				person_id: id,
				role: 'member',
				sector: 'parents',
				organization_name: null,
				started_on: '2020-01-01',
				ended_on: options.endedOn ?? null,
				created_at: now,
				updated_at: now
			})
			.execute();
	}
	return id;
}

describe.each(dialects())('training events on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let people: { ana: string; luis: string; rosa: string; erased: string; former: string };
	let eventId: string;
	const admin = () => actorWith('network_admin', ids.networkId);
	const sumbi = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	const viewer = () => actorWith('viewer', ids.networkId);
	const callaoCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const huaroCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });

	const form = (input: Record<string, string> = {}) => ({
		title: 'Instituto de Medio Año 2026',
		kind: 'international_institute',
		startsOn: '2026-07-20',
		endsOn: '2026-07-23',
		place: 'Orlando, Florida',
		organizerId: '',
		topics: 'capacity,sustainability',
		hours: '24',
		description: '',
		...input
	});

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		const db = handle.db;
		people = {
			ana: await addPerson(db, ids.networkId, 'Ana', 'Quispe', [ids.callaoNorte]),
			luis: await addPerson(db, ids.networkId, 'Luis', 'Mamani', [ids.huaro]),
			rosa: await addPerson(db, ids.networkId, 'Rosa', 'Huamán', [ids.huaro]),
			erased: await addPerson(db, ids.networkId, 'Eva', 'Borrada', [ids.callaoNorte], {
				erased: true
			}),
			former: await addPerson(db, ids.networkId, 'Pedro', 'Antiguo', [ids.callaoNorte], {
				endedOn: '2021-12-31'
			})
		};
	});
	afterAll(async () => handle?.close());

	it('lets organizers create an event, recorded in its history', async () => {
		const result = await createTraining(
			handle.db,
			admin(),
			ids.networkId,
			form({ organizerId: ids.creser })
		);
		expect(result.status).toBe('ok');
		eventId = (result as { id: string }).id;
		const record = await trainingForEdit(handle.db, admin(), eventId);
		expect(record.canEdit).toBe(true);
		expect(record.values).toMatchObject({
			title: 'Instituto de Medio Año 2026',
			topics: 'capacity,sustainability',
			hours: '24',
			organizerId: ids.creser
		});
		const history = await historyOf(handle.db, 'training_event', eventId);
		expect(history[0]).toMatchObject({
			action: 'create',
			entityLabel: 'Instituto de Medio Año 2026'
		});

		const webinar = await createTraining(
			handle.db,
			sumbi(),
			ids.networkId,
			form({
				title: 'Webinar: evaluación',
				kind: 'webinar',
				startsOn: '2025-03-10',
				endsOn: '',
				topics: 'evaluation',
				hours: '1,5'
			})
		);
		expect(webinar.status).toBe('ok');
	});

	it('refuses bad input with codes, keeps what was typed, and writes nothing', async () => {
		const before = await listTrainings(handle.db, admin(), ids.networkId, {});
		const bad = await createTraining(
			handle.db,
			admin(),
			ids.networkId,
			form({ title: 'X', topics: '', hours: '999' })
		);
		expect(bad).toMatchObject({
			status: 'invalid',
			errors: { title: 'too_short', topics: 'required', hours: 'number_invalid' },
			values: { title: 'X', hours: '999' }
		});
		const foreign = await createTraining(
			handle.db,
			admin(),
			ids.networkId,
			form({ organizerId: 'no-such-org' })
		);
		expect(foreign).toMatchObject({ status: 'invalid', errors: { organizerId: 'not_found' } });
		expect((await listTrainings(handle.db, admin(), ids.networkId, {})).total).toBe(before.total);
	});

	it('lets only administrators and partner staff organize events', async () => {
		for (const actor of [callaoCoordinator(), viewer(), null]) {
			await expect(createTraining(handle.db, actor, ids.networkId, form())).rejects.toBeInstanceOf(
				NotFoundError
			);
		}
		await expect(
			updateTraining(handle.db, callaoCoordinator(), eventId, form())
		).rejects.toBeInstanceOf(NotFoundError);
		const asViewer = await trainingForEdit(handle.db, viewer(), eventId);
		expect(asViewer.canEdit).toBe(false);
		expect(asViewer.candidates).toEqual([]);
	});

	it('lists for anyone in the network, searching titles without accents, by kind and year', async () => {
		const list = await listTrainings(handle.db, viewer(), ids.networkId, {});
		expect(list.canCreate).toBe(false);
		expect(list.rows.map((r) => r.title)).toEqual([
			'Instituto de Medio Año 2026',
			'Webinar: evaluación'
		]);
		expect(list.years).toEqual(['2026', '2025']);
		expect(list.rows[0]).toMatchObject({ organizer: 'CRESER', attendees: 0, hours: 24 });
		const search = await listTrainings(handle.db, viewer(), ids.networkId, { q: 'MEDIO ANO' });
		expect(search.rows.map((r) => r.title)).toEqual(['Instituto de Medio Año 2026']);
		const byKind = await listTrainings(handle.db, viewer(), ids.networkId, { kind: 'webinar' });
		expect(byKind.rows.map((r) => r.hours)).toEqual([1.5]);
		const byYear = await listTrainings(handle.db, viewer(), ids.networkId, { year: '2025' });
		expect(byYear.total).toBe(1);
		expect((await listTrainings(handle.db, sumbi(), ids.networkId, {})).canCreate).toBe(true);
		await expect(listTrainings(handle.db, null, ids.networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('adds attendees from the coalitions, with the event hours or their own', async () => {
		const ana = await addAttendee(handle.db, admin(), eventId, {
			personId: people.ana,
			coalitionId: ids.callaoNorte,
			hours: ''
		});
		expect(ana.status).toBe('ok');
		const luis = await addAttendee(handle.db, admin(), eventId, {
			personId: people.luis,
			coalitionId: ids.huaro,
			hours: '4'
		});
		expect(luis.status).toBe('ok');
		const twice = await addAttendee(handle.db, admin(), eventId, {
			personId: people.ana,
			coalitionId: ids.callaoNorte
		});
		expect(twice).toMatchObject({ status: 'invalid', errors: { personId: 'attendee_duplicate' } });
		const wrongCoalition = await addAttendee(handle.db, admin(), eventId, {
			personId: people.rosa,
			coalitionId: ids.callaoNorte
		});
		expect(wrongCoalition).toMatchObject({ status: 'invalid', errors: { personId: 'not_found' } });
		const erased = await addAttendee(handle.db, admin(), eventId, {
			personId: people.erased,
			coalitionId: ids.callaoNorte
		});
		expect(erased).toMatchObject({ status: 'invalid', errors: { personId: 'not_found' } });

		const record = await trainingForEdit(handle.db, admin(), eventId);
		expect(record.attendees.map((a) => [a.name, a.coalition, a.hours])).toEqual([
			['Ana Quispe', 'Callao Norte', 24],
			['Luis Mamani', 'Huaro', 4]
		]);
		expect(record.totalAttendees).toBe(2);
		expect(record.hidden).toEqual([]);
		// Already attending, erased or gone before the event: not offered.
		expect(record.candidates.map((c) => c.name)).toEqual(['Rosa Huamán']);
		const codes = record.attendees.map((a) => a.certificateCode);
		expect(new Set(codes).size).toBe(2);
		for (const code of codes) expect(code).toMatch(/^2026-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	});

	it('names attendees only to those who may see their coalition, and counts the rest', async () => {
		const asViewer = await trainingForEdit(handle.db, viewer(), eventId);
		expect(asViewer.attendees).toEqual([]);
		expect(asViewer.hidden).toEqual([
			{ coalition: 'Callao Norte', count: 1 },
			{ coalition: 'Huaro', count: 1 }
		]);
		expect(JSON.stringify(asViewer)).not.toContain('Quispe');
		expect(Object.values(asViewer.historyPeople).every((p) => p.name === null)).toBe(true);

		const asSumbi = await trainingForEdit(handle.db, sumbi(), eventId);
		expect(asSumbi.attendees.map((a) => a.name)).toEqual(['Ana Quispe']);
		expect(asSumbi.hidden).toEqual([{ coalition: 'Huaro', count: 1 }]);
		expect(asSumbi.candidates).toEqual([]);
		expect(asSumbi.historyPeople[people.ana]).toEqual({ name: 'Ana Quispe', visible: true });
		expect(asSumbi.historyPeople[people.luis]).toEqual({ name: null, visible: false });
		// An organizer cannot add people of a coalition they may not see, even by typing the id.
		const hidden = await addAttendee(handle.db, sumbi(), eventId, {
			personId: people.rosa,
			coalitionId: ids.huaro
		});
		expect(hidden).toMatchObject({ status: 'invalid', errors: { personId: 'not_found' } });
		const asCoordinator = await trainingForEdit(handle.db, huaroCoordinator(), eventId);
		expect(asCoordinator.attendees.map((a) => a.name)).toEqual(['Luis Mamani']);
	});

	it('keeps ids, never names, in the history', async () => {
		const history = await historyOf(handle.db, 'training_event', eventId);
		const added = history.filter((h) => h.changes.some((c) => c.field === 'attendee'));
		expect(added).toHaveLength(2);
		expect(added.map((h) => h.changes.find((c) => c.field === 'attendee')!.after).sort()).toEqual(
			[people.ana, people.luis].sort()
		);
		expect(JSON.stringify(history)).not.toMatch(/Quispe|Mamani/);
	});

	it('gives the certificate to organizers and to those who may see the coalition', async () => {
		const record = await trainingForEdit(handle.db, admin(), eventId);
		const luis = record.attendees.find((a) => a.personId === people.luis)!;
		const ana = record.attendees.find((a) => a.personId === people.ana)!;
		const data = await certificate(handle.db, admin(), luis.id);
		expect(data).toMatchObject({
			eventId,
			code: luis.certificateCode,
			personName: 'Luis Mamani',
			coalition: 'Huaro',
			title: 'Instituto de Medio Año 2026',
			kind: 'international_institute',
			startsOn: '2026-07-20',
			endsOn: '2026-07-23',
			place: 'Orlando, Florida',
			topics: ['capacity', 'sustainability'],
			organizer: 'CRESER',
			hours: 4
		});
		expect((await certificate(handle.db, sumbi(), luis.id)).personName).toBe('Luis Mamani');
		expect((await certificate(handle.db, huaroCoordinator(), luis.id)).hours).toBe(4);
		expect((await certificate(handle.db, callaoCoordinator(), ana.id)).hours).toBe(24);
		await expect(certificate(handle.db, callaoCoordinator(), luis.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(certificate(handle.db, viewer(), ana.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(certificate(handle.db, admin(), 'no-such-id')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it("sums what a coalition's members attended", async () => {
		const callao = await trainingsForCoalition(handle.db, callaoCoordinator(), ids.callaoNorte);
		expect(callao.events).toEqual([
			expect.objectContaining({ id: eventId, attendees: 1, hours: 24 })
		]);
		expect(await trainingSummary(handle.db, viewer(), ids.huaro)).toEqual({
			events: 1,
			attendees: 1,
			hours: 4
		});
		await expect(
			trainingsForCoalition(handle.db, callaoCoordinator(), ids.huaro)
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('edits an event, refusing a save over a newer change', async () => {
		const first = await trainingForEdit(handle.db, sumbi(), eventId);
		const ok = await updateTraining(handle.db, sumbi(), eventId, {
			...first.values,
			hours: '28'
		});
		expect(ok).toEqual({ status: 'ok', id: eventId });
		const stale = await updateTraining(handle.db, admin(), eventId, {
			...first.values,
			place: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { place: 'Mi versión' } });
		const history = await historyOf(handle.db, 'training_event', eventId);
		expect(history[0].changes).toEqual([{ field: 'hours', before: 24, after: 28 }]);
		const summary = await trainingSummary(handle.db, viewer(), ids.callaoNorte);
		expect(summary.hours).toBe(28);
	});

	it('removes an attendee only for those who may see them', async () => {
		const record = await trainingForEdit(handle.db, admin(), eventId);
		const luis = record.attendees.find((a) => a.personId === people.luis)!;
		await expect(removeAttendee(handle.db, sumbi(), eventId, luis.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			removeAttendee(handle.db, huaroCoordinator(), eventId, luis.id)
		).rejects.toBeInstanceOf(NotFoundError);
		await removeAttendee(handle.db, admin(), eventId, luis.id);
		const after = await trainingForEdit(handle.db, admin(), eventId);
		expect(after.attendees.map((a) => a.name)).toEqual(['Ana Quispe']);
		expect(after.candidates.map((c) => c.name)).toEqual(['Luis Mamani', 'Rosa Huamán']);
		const history = await historyOf(handle.db, 'training_event', eventId);
		expect(history[0].changes).toEqual(
			expect.arrayContaining([{ field: 'attendee', before: people.luis, after: null }])
		);
		await expect(certificate(handle.db, admin(), luis.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});
