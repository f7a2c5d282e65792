import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/lib/server/audit/service';
import {
	coalitionForEdit,
	createCoalition,
	listCoalitionsFor,
	setCoalitionArchived,
	updateCoalition
} from '../../src/lib/server/coalitions/workspace';
import { NotFoundError } from '../../src/lib/server/errors';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('editing coalitions on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	const count = async () =>
		Number(
			(
				await handle.db
					.selectFrom('coalition')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	it('lets a coordinator edit their coalition, recording before and after', async () => {
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		const record = await coalitionForEdit(handle.db, coordinator, ids.callaoNorte);
		expect(record.canEdit).toBe(true);
		const result = await updateCoalition(handle.db, coordinator, ids.callaoNorte, {
			...record.values,
			foundedYear: '2005',
			descriptionEs: 'Vecinos del norte del Callao.'
		});
		expect(result).toEqual({ status: 'ok', id: ids.callaoNorte });
		const history = await historyOf(handle.db, 'coalition', ids.callaoNorte);
		expect(history[0]).toMatchObject({ action: 'update', actor: 'Test coordinator' });
		expect(history[0].changes).toEqual(
			expect.arrayContaining([
				{ field: 'foundedYear', before: null, after: 2005 },
				expect.objectContaining({ field: 'descriptionEs', after: 'Vecinos del norte del Callao.' })
			])
		);
	});

	it('answers "not found" for a coalition outside the scope, for reads and writes alike', async () => {
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		await expect(coalitionForEdit(handle.db, coordinator, ids.huaro)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(coalitionForEdit(handle.db, coordinator, 'no-such-id')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			updateCoalition(handle.db, coordinator, ids.huaro, { name: 'X' })
		).rejects.toBeInstanceOf(NotFoundError);
		const sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		expect((await coalitionForEdit(handle.db, sumbi, ids.callaoNorte)).canEdit).toBe(true);
		await expect(coalitionForEdit(handle.db, sumbi, ids.huaro)).rejects.toBeInstanceOf(
			NotFoundError
		);
		const viewer = actorWith('viewer', ids.networkId);
		expect((await coalitionForEdit(handle.db, viewer, ids.huaro)).canEdit).toBe(false);
		await expect(
			updateCoalition(handle.db, viewer, ids.huaro, { name: 'X' })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses bad input with codes per field, keeps what was typed, and writes nothing', async () => {
		const admin = actorWith('network_admin', ids.networkId);
		const before = await count();
		const result = await createCoalition(handle.db, admin, ids.networkId, {
			name: 'Z',
			placeId: '',
			status: 'active',
			foundedYear: '3000',
			slug: 'Not A Slug',
			descriptionEs: 'Texto que se conserva'
		});
		expect(result).toMatchObject({
			status: 'invalid',
			errors: {
				name: 'too_short',
				placeId: 'required',
				foundedYear: 'year_invalid',
				slug: 'slug_invalid'
			},
			values: { name: 'Z', foundedYear: '3000', descriptionEs: 'Texto que se conserva' }
		});
		const wrongPlace = await createCoalition(handle.db, admin, ids.networkId, {
			name: 'Nueva coalición',
			placeId: 'not-a-place',
			status: 'active'
		});
		expect(wrongPlace).toMatchObject({ status: 'invalid', errors: { placeId: 'not_found' } });
		expect(await count()).toBe(before);
	});

	it('lets partner staff register a coalition their organization then supports', async () => {
		const sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		const place = (await coalitionForEdit(handle.db, sumbi, ids.callaoNorte)).values.placeId;
		const result = await createCoalition(handle.db, sumbi, ids.networkId, {
			name: 'Coalición Juvenil del Callao',
			placeId: place,
			status: 'forming'
		});
		expect(result.status).toBe('ok');
		const id = (result as { id: string }).id;
		const record = await coalitionForEdit(handle.db, sumbi, id);
		expect(record.canEdit).toBe(true);
		expect(record.values.slug).toBe('coalicion-juvenil-del-callao');
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		await expect(
			createCoalition(handle.db, coordinator, ids.networkId, {
				name: 'Otra',
				placeId: place,
				status: 'active'
			})
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses to save over a newer change, keeping the typed values', async () => {
		const admin = actorWith('network_admin', ids.networkId);
		const first = await coalitionForEdit(handle.db, admin, ids.huaro);
		await updateCoalition(handle.db, admin, ids.huaro, { ...first.values, foundedYear: '2015' });
		const stale = await updateCoalition(handle.db, admin, ids.huaro, {
			...first.values,
			descriptionEs: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { descriptionEs: 'Mi versión' } });
	});

	it('archives and restores (administrators only), hiding archived ones from the default list', async () => {
		const admin = actorWith('network_admin', ids.networkId);
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		await expect(
			setCoalitionArchived(handle.db, coordinator, ids.callaoNorte, true)
		).rejects.toBeInstanceOf(NotFoundError);
		await setCoalitionArchived(handle.db, admin, ids.huaro, true);
		const current = await listCoalitionsFor(handle.db, admin, ids.networkId, { q: 'huaro' });
		expect(current.rows).toEqual([]);
		const archived = await listCoalitionsFor(handle.db, admin, ids.networkId, {
			q: 'huaro',
			status: 'archived'
		});
		expect(archived.rows.map((r) => r.name)).toEqual(['Huaro']);
		await setCoalitionArchived(handle.db, admin, ids.huaro, false);
		expect(
			(await historyOf(handle.db, 'coalition', ids.huaro)).map((h) => h.action).slice(0, 2)
		).toEqual(['restore', 'archive']);
	});

	it('lists with accent-insensitive search, filters, sorting and pages, within the scope', async () => {
		const admin = actorWith('network_admin', ids.networkId);
		const all = await listCoalitionsFor(handle.db, admin, ids.networkId, {});
		expect(all.total).toBeGreaterThanOrEqual(55);
		expect(all.rows).toHaveLength(25);
		const page3 = await listCoalitionsFor(handle.db, admin, ids.networkId, { page: 3 });
		expect(page3.rows.length).toBe(all.total - 50);
		const desc = await listCoalitionsFor(handle.db, admin, ids.networkId, { sort: '-name' });
		expect(desc.rows[0].name.localeCompare(desc.rows[1].name, 'es')).toBeGreaterThanOrEqual(0);
		const search = await listCoalitionsFor(handle.db, admin, ids.networkId, { q: 'MARIATEGUI' });
		expect(search.rows.map((r) => r.name).sort()).toEqual([
			'José Carlos Mariátegui',
			'José Carlos Mariátegui',
			'Mariátegui'
		]);
		const costa = all.regions.find((r) => r.name === 'Región Costa')!;
		const inCosta = await listCoalitionsFor(handle.db, admin, ids.networkId, {
			regionId: costa.id
		});
		expect(inCosta.total).toBe(9);
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		const own = await listCoalitionsFor(handle.db, coordinator, ids.networkId, {});
		expect(own.rows.map((r) => r.name)).toEqual(['Callao Norte']);
		await expect(listCoalitionsFor(handle.db, null, ids.networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
