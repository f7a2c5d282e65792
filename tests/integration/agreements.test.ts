import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDays, todayInLima } from '../../src/lib/domain/meetings';
import {
	agreementForEdit,
	agreementsByStatus,
	agreementsSummary,
	createAgreement,
	listAgreements,
	updateAgreement
} from '../../src/lib/server/agreements/service';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const convenio = {
	municipality: 'Municipalidad Provincial del Callao',
	title: 'Convenio marco de cooperación para la prevención',
	scope: 'Espacios en los colegios y apoyo a la feria preventiva.',
	status: 'negotiating',
	signedOn: '',
	validUntil: '',
	documentUrl: '',
	organizationId: ''
};

describe.each(dialects())('agreements with municipalities on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let municipality: string;
	let stranger: string;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		const organization = async (slug: string, kind: string) => {
			const id = newId();
			const now = nowIso();
			await handle.db
				.insertInto('organization')
				.values({
					id,
					slug,
					name: slug,
					short_name: null,
					name_search: slug,
					kind,
					country_code: 'PE',
					website: null,
					description_es: null,
					description_en: null,
					created_at: now,
					updated_at: now
				})
				.execute();
			return id;
		};
		// A local government may be named before it has any role in the network; a foreign NGO
		// with no role here may not.
		municipality = await organization('muni-callao', 'local_government');
		stranger = await organization('ong-lejana', 'national_ngo');
	});
	afterAll(async () => handle?.close());

	const coordinator = () =>
		actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const count = async () =>
		Number(
			(
				await handle.db
					.selectFrom('agreement')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	it('records a convenio under negotiation, naming the municipality', async () => {
		const result = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			organizationId: municipality
		});
		expect(result.status).toBe('ok');
		const list = await listAgreements(handle.db, coordinator(), ids.callaoNorte);
		expect(list.rows).toEqual([
			expect.objectContaining({
				municipality: 'Municipalidad Provincial del Callao',
				organization: 'muni-callao',
				status: 'negotiating',
				lapsed: false
			})
		]);
		expect(list.canEdit).toBe(true);
		expect(list.options.organizations.map((o) => o.value)).toContain(ids.sumbi);
		expect(list.options.organizations.map((o) => o.value)).not.toContain(stranger);
	});

	it('refuses a signed convenio without its date, a bad address and an unknown organization', async () => {
		const before = await count();
		const unsigned = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			status: 'signed'
		});
		expect(unsigned).toMatchObject({
			status: 'invalid',
			errors: { signedOn: 'required' },
			values: { status: 'signed', municipality: convenio.municipality }
		});
		const badUrl = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			documentUrl: 'convenio firmado.pdf'
		});
		expect(badUrl).toMatchObject({ status: 'invalid', errors: { documentUrl: 'url_invalid' } });
		const future = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			status: 'signed',
			signedOn: shiftDays(todayInLima(), 3)
		});
		expect(future).toMatchObject({ errors: { signedOn: 'date_future' } });
		const order = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			status: 'signed',
			signedOn: '2025-05-01',
			validUntil: '2025-04-30'
		});
		expect(order).toMatchObject({ errors: { validUntil: 'dates_order' } });
		const foreign = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			organizationId: stranger
		});
		expect(foreign).toMatchObject({ errors: { organizationId: 'not_found' } });
		expect(await count()).toBe(before);
	});

	it('audits a change of status with before and after, and refuses a stale save', async () => {
		const [row] = (await listAgreements(handle.db, coordinator(), ids.callaoNorte)).rows;
		const first = await agreementForEdit(handle.db, coordinator(), ids.callaoNorte, row.id);
		const signed = await updateAgreement(handle.db, coordinator(), ids.callaoNorte, row.id, {
			...first.values,
			status: 'signed',
			signedOn: '2025-06-12',
			validUntil: '2027-06-11',
			documentUrl: 'https://www.municallao.gob.pe/convenios/2025-prevencion.pdf'
		});
		expect(signed).toEqual({ status: 'ok', id: row.id });
		const [update] = await historyOf(handle.db, 'agreement', row.id);
		expect(update).toMatchObject({ action: 'update', actor: 'Test coordinator' });
		expect(update.changes).toEqual(
			expect.arrayContaining([
				{ field: 'status', before: 'negotiating', after: 'signed' },
				{ field: 'signedOn', before: null, after: '2025-06-12' }
			])
		);
		const stale = await updateAgreement(handle.db, coordinator(), ids.callaoNorte, row.id, {
			...first.values,
			scope: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { scope: 'Mi versión' } });
		const after = await agreementForEdit(handle.db, coordinator(), ids.callaoNorte, row.id);
		expect(after.values).toMatchObject({ status: 'signed', scope: convenio.scope });
	});

	it('counts convenios at a glance, lapsed ones apart', async () => {
		const lapsed = await createAgreement(handle.db, coordinator(), ids.callaoNorte, {
			...convenio,
			municipality: 'Municipalidad Distrital de Ventanilla',
			status: 'signed',
			signedOn: '2020-01-15',
			validUntil: '2022-01-14'
		});
		expect(lapsed.status).toBe('ok');
		expect(await agreementsSummary(handle.db, coordinator(), ids.callaoNorte)).toEqual({
			signed: 1,
			negotiating: 0,
			lapsed: 1
		});
		const rows = (await listAgreements(handle.db, coordinator(), ids.callaoNorte)).rows;
		expect(rows.map((r) => [r.municipality, r.lapsed])).toEqual([
			['Municipalidad Provincial del Callao', false],
			['Municipalidad Distrital de Ventanilla', true]
		]);
		const viewer = actorWith('viewer', ids.networkId);
		expect(await agreementsByStatus(handle.db, viewer, ids.networkId)).toMatchObject({
			signed: 1,
			negotiating: 0,
			lapsed: 1,
			expiringSoon: 0,
			total: 2
		});
		await expect(agreementsByStatus(handle.db, null, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('keeps agreements to those who may see the coalition, and writes to its editors', async () => {
		const [row] = (await listAgreements(handle.db, coordinator(), ids.callaoNorte)).rows;
		await expect(listAgreements(handle.db, coordinator(), ids.huaro)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			createAgreement(handle.db, coordinator(), ids.huaro, convenio)
		).rejects.toBeInstanceOf(NotFoundError);
		const huaroCoordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });
		await expect(
			agreementForEdit(handle.db, huaroCoordinator, ids.callaoNorte, row.id)
		).rejects.toBeInstanceOf(NotFoundError);
		const admin = actorWith('network_admin', ids.networkId);
		await expect(agreementForEdit(handle.db, admin, ids.huaro, row.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
		const viewer = actorWith('viewer', ids.networkId);
		const seen = await agreementForEdit(handle.db, viewer, ids.callaoNorte, row.id);
		expect(seen.canEdit).toBe(false);
		expect((await listAgreements(handle.db, viewer, ids.callaoNorte)).canEdit).toBe(false);
		await expect(
			updateAgreement(handle.db, viewer, ids.callaoNorte, row.id, seen.values)
		).rejects.toBeInstanceOf(NotFoundError);
		const creser = actorWith('partner_staff', ids.networkId, { organizationId: ids.creser });
		expect((await listAgreements(handle.db, creser, ids.huaro)).canEdit).toBe(true);
		const sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		expect((await listAgreements(handle.db, sumbi, ids.callaoNorte)).canEdit).toBe(true);
		await expect(listAgreements(handle.db, sumbi, ids.huaro)).rejects.toBeInstanceOf(NotFoundError);
	});
});
