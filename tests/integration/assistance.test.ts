import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addFollowup,
	assistanceSummary,
	createContact,
	listContacts,
	overdueFollowups,
	updateContact,
	updateFollowup
} from '../../src/lib/server/assistance/service';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { overview } from '../../src/lib/server/workspace/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const TODAY = '2026-11-27';
const YESTERDAY = '2026-11-26';

describe.each(dialects())('the technical assistance log on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let contactId: string;
	let followupId: string;
	const admin = () => actorWith('network_admin', ids.networkId);
	const sumbi = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	const creser = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.creser });
	const viewer = () => actorWith('viewer', ids.networkId);
	const callaoCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const huaroCoordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });

	const contactForm = (input: Record<string, string> = {}) => ({
		contactOn: '2026-11-20',
		providerId: ids.sumbi,
		providerPerson: 'Carmen Salazar',
		mode: 'in_person',
		hours: '3',
		topic: 'planning',
		summary: 'Revisamos el plan de acción con la presidenta, Sra. Torres.',
		...input
	});

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	it('lets supporting partner staff log a contact and a follow-up', async () => {
		const result = await createContact(handle.db, sumbi(), ids.callaoNorte, contactForm(), TODAY);
		expect(result.status).toBe('ok');
		contactId = (result as { id: string }).id;
		const followup = await addFollowup(
			handle.db,
			sumbi(),
			contactId,
			{ action: 'Enviar el modelo lógico corregido', dueOn: YESTERDAY, owner: 'Coordinación' },
			TODAY
		);
		expect(followup.status).toBe('ok');
		followupId = (followup as { id: string }).id;
		const later = await addFollowup(
			handle.db,
			sumbi(),
			contactId,
			{ action: 'Convocar al sector salud', dueOn: '2026-12-15', owner: '' },
			TODAY
		);
		expect(later.status).toBe('ok');
	});

	it('refuses a contact dated in the future, and providers outside the network', async () => {
		const future = await createContact(
			handle.db,
			sumbi(),
			ids.callaoNorte,
			contactForm({ contactOn: '2026-11-28' }),
			TODAY
		);
		expect(future).toMatchObject({
			status: 'invalid',
			errors: { contactOn: 'date_future' },
			values: { contactOn: '2026-11-28', providerPerson: 'Carmen Salazar' }
		});
		const stranger = await createContact(
			handle.db,
			admin(),
			ids.callaoNorte,
			contactForm({ providerId: 'no-such-org' }),
			TODAY
		);
		expect(stranger).toMatchObject({ status: 'invalid', errors: { providerId: 'not_found' } });
		const bad = await addFollowup(handle.db, sumbi(), contactId, { action: 'x', dueOn: '' }, TODAY);
		expect(bad).toMatchObject({
			status: 'invalid',
			errors: { action: 'too_short', dueOn: 'required' }
		});
		expect((await listContacts(handle.db, admin(), ids.callaoNorte, TODAY)).contacts).toHaveLength(
			1
		);
	});

	it('keeps the hub side to the hub: coordinators read but do not log', async () => {
		await expect(
			createContact(handle.db, callaoCoordinator(), ids.callaoNorte, contactForm(), TODAY)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateContact(handle.db, callaoCoordinator(), contactId, contactForm(), TODAY)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			addFollowup(handle.db, callaoCoordinator(), contactId, { action: 'Algo', dueOn: TODAY })
		).rejects.toBeInstanceOf(NotFoundError);
		// SUMBI does not support Huaro; Huaro's coordinator does not see Callao Norte.
		await expect(
			createContact(handle.db, sumbi(), ids.huaro, contactForm(), TODAY)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			listContacts(handle.db, huaroCoordinator(), ids.callaoNorte, TODAY)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateFollowup(handle.db, huaroCoordinator(), followupId, { status: 'done' }, TODAY)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateFollowup(handle.db, viewer(), followupId, { status: 'done' }, TODAY)
		).rejects.toBeInstanceOf(NotFoundError);

		const log = await listContacts(handle.db, callaoCoordinator(), ids.callaoNorte, TODAY);
		expect(log.canLog).toBe(false);
		expect(log.canUpdateFollowups).toBe(true);
		expect(log.contacts[0]).toMatchObject({
			contactOn: '2026-11-20',
			provider: 'SUMBI',
			providerPerson: 'Carmen Salazar',
			mode: 'in_person',
			hours: 3,
			topic: 'planning'
		});
		expect(log.contacts[0].followups.map((f) => [f.dueOn, f.overdue])).toEqual([
			[YESTERDAY, true],
			['2026-12-15', false]
		]);
		expect(log.totals).toMatchObject({ contacts: 1, hours: 3, openFollowups: 2, overdue: 1 });
		const asViewer = await listContacts(handle.db, viewer(), ids.callaoNorte, TODAY);
		expect(asViewer.canLog || asViewer.canUpdateFollowups).toBe(false);
		expect((await listContacts(handle.db, sumbi(), ids.callaoNorte, TODAY)).canLog).toBe(true);
	});

	it('shows an overdue follow-up to everyone who may view the coalition', async () => {
		for (const actor of [sumbi(), creser(), admin(), callaoCoordinator(), viewer()]) {
			const overdue = await overdueFollowups(handle.db, actor, ids.networkId, TODAY);
			expect(overdue, actor.grants[0].role).toEqual([
				expect.objectContaining({
					id: followupId,
					action: 'Enviar el modelo lógico corregido',
					dueOn: YESTERDAY,
					coalitionId: ids.callaoNorte,
					coalitionName: 'Callao Norte'
				})
			]);
		}
		expect(await overdueFollowups(handle.db, huaroCoordinator(), ids.networkId, TODAY)).toEqual([]);
		// Due today is not yet overdue.
		expect(await overdueFollowups(handle.db, admin(), ids.networkId, YESTERDAY)).toEqual([]);
		await expect(overdueFollowups(handle.db, null, ids.networkId, TODAY)).rejects.toBeInstanceOf(
			NotFoundError
		);
		const o = await overview(handle.db, callaoCoordinator(), ids.networkId, TODAY);
		expect(o.overdueFollowups.map((f) => f.id)).toContain(followupId);
	});

	it('lists the overdue oldest first', async () => {
		const older = await createContact(
			handle.db,
			creser(),
			ids.callaoNorte,
			contactForm({ contactOn: '2026-10-01', topic: 'assessment', hours: '1,5' }),
			TODAY
		);
		const olderId = (older as { id: string }).id;
		await addFollowup(
			handle.db,
			creser(),
			olderId,
			{ action: 'Enviar la encuesta escolar', dueOn: '2026-10-15' },
			TODAY
		);
		const overdue = await overdueFollowups(handle.db, admin(), ids.networkId, TODAY);
		expect(overdue.map((f) => f.dueOn)).toEqual(['2026-10-15', YESTERDAY]);
		const log = await listContacts(handle.db, admin(), ids.callaoNorte, TODAY);
		expect(log.contacts.map((c) => c.contactOn)).toEqual(['2026-11-20', '2026-10-01']);
		expect(log.totals).toMatchObject({
			contacts: 2,
			hours: 4.5,
			byTopic: { planning: 3, assessment: 1.5 },
			overdue: 2
		});
		await updateFollowup(handle.db, creser(), overdue[0].id, { status: 'dropped' }, TODAY);
	});

	it('lets the coordinator mark it done, which takes it off the list', async () => {
		const result = await updateFollowup(
			handle.db,
			callaoCoordinator(),
			followupId,
			// A coordinator only changes the status; anything else posted is ignored.
			{ status: 'done', action: 'Otra cosa' },
			TODAY
		);
		expect(result).toEqual({ status: 'ok', id: followupId });
		const log = await listContacts(handle.db, callaoCoordinator(), ids.callaoNorte, TODAY);
		const done = log.contacts.flatMap((c) => c.followups).find((f) => f.id === followupId)!;
		expect(done).toMatchObject({
			status: 'done',
			doneOn: TODAY,
			overdue: false,
			action: 'Enviar el modelo lógico corregido'
		});
		for (const actor of [sumbi(), admin(), callaoCoordinator()]) {
			expect(await overdueFollowups(handle.db, actor, ids.networkId, TODAY)).toEqual([]);
		}
		expect(await assistanceSummary(handle.db, viewer(), ids.callaoNorte, TODAY)).toEqual({
			contacts: 2,
			hours: 4.5,
			openFollowups: 1,
			overdue: 0
		});
		// The hub may reopen and reschedule it; reopening clears the day it was done.
		const reopened = await updateFollowup(
			handle.db,
			sumbi(),
			followupId,
			{ status: 'open', dueOn: '2026-12-01' },
			TODAY
		);
		expect(reopened.status).toBe('ok');
		const again = (await listContacts(handle.db, sumbi(), ids.callaoNorte, TODAY)).contacts
			.flatMap((c) => c.followups)
			.find((f) => f.id === followupId)!;
		expect(again).toMatchObject({ status: 'open', doneOn: null, dueOn: '2026-12-01' });
	});

	it('edits a contact, refusing a save over a newer change', async () => {
		const log = await listContacts(handle.db, sumbi(), ids.callaoNorte, TODAY);
		const values = log.contacts.find((c) => c.id === contactId)!.values;
		const ok = await updateContact(
			handle.db,
			sumbi(),
			contactId,
			{ ...values, hours: '2,5', mode: 'remote' },
			TODAY
		);
		expect(ok).toEqual({ status: 'ok', id: contactId });
		const stale = await updateContact(
			handle.db,
			admin(),
			contactId,
			{ ...values, hours: '9' },
			TODAY
		);
		expect(stale).toMatchObject({ status: 'stale', values: { hours: '9' } });
		const history = await historyOf(handle.db, 'ta_contact', contactId);
		expect(history.map((h) => h.action)).toEqual(['update', 'create']);
		expect(history[0].changes).toEqual(
			expect.arrayContaining([
				{ field: 'hours', before: 3, after: 2.5 },
				{ field: 'mode', before: 'in_person', after: 'remote' }
			])
		);
	});

	it('keeps names and free text out of the change log', async () => {
		const rows = await handle.db
			.selectFrom('audit_event')
			.select(['before_json', 'after_json'])
			.where('entity_type', 'in', ['ta_contact', 'ta_followup'])
			.execute();
		expect(rows.length).toBeGreaterThanOrEqual(6);
		const text = JSON.stringify(rows);
		expect(text).not.toMatch(/Carmen|Torres|Coordinación|modelo lógico/);
		expect((await historyOf(handle.db, 'ta_followup', followupId))[0].changes).toEqual(
			expect.arrayContaining([{ field: 'status', before: 'done', after: 'open' }])
		);
	});
});
