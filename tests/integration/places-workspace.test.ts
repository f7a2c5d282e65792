import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/lib/server/audit/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { apiCall, apiError, jsonBody } from '../../src/lib/server/http/api';
import {
	createPlace,
	listPlacesFor,
	placeForEdit,
	setPlaceArchived,
	updatePlace
} from '../../src/lib/server/places/workspace';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('editing places on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	const place = async (name: string) =>
		(
			await handle.db
				.selectFrom('place')
				.select('id')
				.where('name', '=', name)
				.orderBy('id')
				.executeTakeFirstOrThrow()
		).id;
	const count = async (table: 'place' | 'audit_event') =>
		Number(
			(
				await handle.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
	});
	afterAll(async () => handle?.close());

	const admin = () => actorWith('network_admin', ids.networkId);

	it('lets an administrator create and edit a place, recording before and after', async () => {
		const huanuco = await place('Huánuco');
		const created = await createPlace(handle.db, admin(), ids.networkId, {
			name: '  Las   Palmas ',
			kind: 'community',
			parentId: huanuco,
			ubigeo: '100601',
			latitude: '-9,30',
			longitude: '-76.00',
			coordsApproximate: 'on',
			aliases: 'Palmas, Las Palmas de Tingo'
		});
		expect(created.status).toBe('ok');
		const id = (created as { id: string }).id;
		const record = await placeForEdit(handle.db, admin(), id);
		expect(record.canEdit).toBe(true);
		expect(record.values).toMatchObject({
			name: 'Las Palmas',
			kind: 'community',
			parentId: huanuco,
			latitude: '-9.3',
			coordsApproximate: 'on',
			aliases: 'palmas, las palmas de tingo'
		});
		expect(record.place.path).toContain('Huánuco');
		const stored = await handle.db
			.selectFrom('place')
			.select(['name_search', 'aliases'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ name_search: 'las palmas', aliases: 'palmas|las palmas de tingo' });

		const updated = await updatePlace(handle.db, admin(), id, {
			...record.values,
			nameEn: 'The Palms',
			latitude: '',
			longitude: ''
		});
		expect(updated).toEqual({ status: 'ok', id });
		const history = await historyOf(handle.db, 'place', id);
		expect(history.map((h) => h.action)).toEqual(['update', 'create']);
		expect(history[0].actor).toBe('Test network_admin');
		expect(history[0].changes).toEqual(
			expect.arrayContaining([
				{ field: 'nameEn', before: null, after: 'The Palms' },
				{ field: 'latitude', before: -9.3, after: null },
				{ field: 'longitude', before: -76, after: null }
			])
		);
		expect((await placeForEdit(handle.db, admin(), id)).history).toHaveLength(2);

		// Moving it records the parent's id; the page shows the parents' paths instead.
		const tingo = await place('Tingo María');
		const current = await placeForEdit(handle.db, admin(), id);
		await updatePlace(handle.db, admin(), id, { ...current.values, parentId: tingo });
		const moved = await placeForEdit(handle.db, admin(), id);
		expect(moved.history[0].changes).toEqual([
			{ field: 'parentId', before: huanuco, after: tingo }
		]);
		expect(moved.historyLabels.parentId[tingo]).toMatch(/ › Tingo María$/);
		expect(moved.historyLabels.parentId[huanuco]).toMatch(/Huánuco$/);
		const search = await handle.db
			.selectFrom('place')
			.select('name_search')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(search.name_search).toBe('las palmas the palms');
	});

	it('refuses bad input with codes per field, keeps what was typed, and writes nothing', async () => {
		const places = await count('place');
		const events = await count('audit_event');
		const result = await createPlace(handle.db, admin(), ids.networkId, {
			name: 'X',
			kind: 'planet',
			ubigeo: '123',
			latitude: '-95',
			longitude: '10',
			note: 'Se conserva'
		});
		expect(result).toMatchObject({
			status: 'invalid',
			errors: {
				name: 'too_short',
				kind: 'invalid',
				ubigeo: 'ubigeo_invalid',
				latitude: 'latitude_invalid'
			},
			values: { name: 'X', ubigeo: '123', latitude: '-95', note: 'Se conserva' }
		});
		const half = await createPlace(handle.db, admin(), ids.networkId, {
			name: 'Media coordenada',
			kind: 'city',
			latitude: '-9'
		});
		expect(half).toMatchObject({ status: 'invalid', errors: { longitude: 'coordinates_pair' } });
		const wrongParent = await createPlace(handle.db, admin(), ids.networkId, {
			name: 'Huérfano',
			kind: 'city',
			parentId: 'no-such-place'
		});
		expect(wrongParent).toMatchObject({ status: 'invalid', errors: { parentId: 'not_found' } });
		expect(await count('place')).toBe(places);
		expect(await count('audit_event')).toBe(events);
	});

	it('refuses to put a place inside itself or below itself', async () => {
		const region = await place('Región Andina y Oriente');
		const huanuco = await place('Huánuco');
		const record = await placeForEdit(handle.db, admin(), region);
		expect(record.options.parents.some((p) => p.value === huanuco)).toBe(false);
		expect(record.options.parents.some((p) => p.value === region)).toBe(false);
		const events = await count('audit_event');
		for (const parentId of [huanuco, region]) {
			const result = await updatePlace(handle.db, admin(), region, {
				...record.values,
				parentId
			});
			expect(result).toMatchObject({ status: 'invalid', errors: { parentId: 'parent_cycle' } });
		}
		expect(await count('audit_event')).toBe(events);
		expect((await placeForEdit(handle.db, admin(), region)).values.parentId).toBe('');
	});

	it('refuses to save over a newer change, keeping the typed values', async () => {
		const id = await place('Tingo María');
		const first = await placeForEdit(handle.db, admin(), id);
		expect(
			await updatePlace(handle.db, admin(), id, { ...first.values, note: 'Primera versión' })
		).toMatchObject({ status: 'ok' });
		const stale = await updatePlace(handle.db, admin(), id, {
			...first.values,
			note: 'Mi versión'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { note: 'Mi versión' } });
		expect((await placeForEdit(handle.db, admin(), id)).values.note).toBe('Primera versión');
	});

	it('archives only a place nothing current hangs from, and restores it', async () => {
		const tingo = await place('Tingo María');
		const usage = (await placeForEdit(handle.db, admin(), tingo)).usage;
		expect(usage.coalitions + usage.children).toBeGreaterThan(0);
		const blocked = await setPlaceArchived(handle.db, admin(), tingo, true);
		expect(['has_coalitions', 'has_children']).toContain(blocked.status);
		const region = await place('Región Costa');
		expect(await setPlaceArchived(handle.db, admin(), region, true)).toMatchObject({
			status: 'has_children'
		});

		const empty = await createPlace(handle.db, admin(), ids.networkId, {
			name: 'Lugar de prueba',
			kind: 'city',
			parentId: region
		});
		const id = (empty as { id: string }).id;
		const child = await createPlace(handle.db, admin(), ids.networkId, {
			name: 'Barrio de prueba',
			kind: 'community',
			parentId: id
		});
		const childId = (child as { id: string }).id;
		expect(await setPlaceArchived(handle.db, admin(), id, true)).toEqual({
			status: 'has_children',
			count: 1
		});
		expect(await setPlaceArchived(handle.db, admin(), childId, true)).toEqual({ status: 'ok' });
		expect(await setPlaceArchived(handle.db, admin(), id, true)).toEqual({ status: 'ok' });
		// A child cannot come back under a parent that is still archived.
		expect(await setPlaceArchived(handle.db, admin(), childId, false)).toEqual({
			status: 'parent_archived'
		});
		const current = await listPlacesFor(handle.db, admin(), ids.networkId, { q: 'de prueba' });
		expect(current.rows).toEqual([]);
		const archived = await listPlacesFor(handle.db, admin(), ids.networkId, {
			q: 'de prueba',
			status: 'archived'
		});
		expect(archived.rows.map((r) => r.name)).toEqual(['Barrio de prueba', 'Lugar de prueba']);
		expect(archived.rows.every((r) => r.archived)).toBe(true);
		// An archived place is no longer offered as a parent.
		const options = (await placeForEdit(handle.db, admin(), tingo)).options.parents;
		expect(options.some((p) => p.value === id)).toBe(false);

		expect(await setPlaceArchived(handle.db, admin(), id, false)).toEqual({ status: 'ok' });
		const history = await historyOf(handle.db, 'place', id);
		expect(history.map((h) => h.action).slice(0, 2)).toEqual(['restore', 'archive']);
		expect(history[1].changes[0]).toMatchObject({ field: 'archivedAt', before: null });
		expect(history[0].changes[0]).toMatchObject({ field: 'archivedAt', after: null });
	});

	it('lets every role view and list, and only administrators write', async () => {
		const id = await place('Tingo María');
		const region = await place('Región Costa');
		const coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		const viewer = actorWith('viewer', ids.networkId);
		const partner = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
		for (const actor of [coordinator, viewer, partner]) {
			const record = await placeForEdit(handle.db, actor, id);
			expect(record.canEdit).toBe(false);
			const list = await listPlacesFor(handle.db, actor, ids.networkId, {});
			expect(list.total).toBeGreaterThan(0);
			expect(list.canCreate).toBe(false);
			await expect(
				updatePlace(handle.db, actor, id, { ...record.values, note: 'X' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(
				createPlace(handle.db, actor, ids.networkId, { name: 'Nuevo', kind: 'city' })
			).rejects.toBeInstanceOf(NotFoundError);
			await expect(setPlaceArchived(handle.db, actor, region, true)).rejects.toBeInstanceOf(
				NotFoundError
			);
		}
		const stranger = actorWith('network_admin', 'another-network');
		await expect(placeForEdit(handle.db, stranger, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(placeForEdit(handle.db, admin(), 'no-such-id')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(listPlacesFor(handle.db, null, ids.networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(listPlacesFor(handle.db, stranger, ids.networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('lists with accent-insensitive search, filters, sorting and pages', async () => {
		const names = async (q: string) =>
			(await listPlacesFor(handle.db, admin(), ids.networkId, { q })).rows.map((r) => r.name);
		expect(await names('tingo maria')).toContain('Tingo María');
		expect(await names('TINGO MARÍA')).toContain('Tingo María');
		expect(await names('%')).toEqual([]);

		const all = await listPlacesFor(handle.db, admin(), ids.networkId, {});
		expect(all.total).toBeGreaterThan(50);
		expect(all.rows).toHaveLength(25);
		expect(all.pages).toBe(Math.ceil(all.total / 25));
		const last = await listPlacesFor(handle.db, admin(), ids.networkId, { page: all.pages });
		expect(last.rows.length).toBe(all.total - (all.pages - 1) * 25);
		const beyond = await listPlacesFor(handle.db, admin(), ids.networkId, { page: 0 });
		expect(beyond.page).toBe(1);

		const seen = new Set<string>();
		for (let page = 1; page <= all.pages; page++) {
			const rows = (await listPlacesFor(handle.db, admin(), ids.networkId, { page })).rows;
			for (const r of rows) seen.add(r.id);
		}
		expect(seen.size).toBe(all.total);

		const desc = await listPlacesFor(handle.db, admin(), ids.networkId, { sort: '-name' });
		const asc = all.rows.map((r) => r.name);
		expect(desc.rows[0].name.localeCompare(asc[0], 'es')).toBeGreaterThan(0);
		const byKind = await listPlacesFor(handle.db, admin(), ids.networkId, { sort: 'kind' });
		expect(byKind.rows[0].kind).toBe('program_region');
		expect(byKind.sort).toBe('kind');
		expect((await listPlacesFor(handle.db, admin(), ids.networkId, { sort: 'x' })).sort).toBe(
			'name'
		);

		const regions = await listPlacesFor(handle.db, admin(), ids.networkId, {
			kind: 'program_region'
		});
		expect(regions.rows.map((r) => r.name).sort()).toEqual([
			'Lima Metropolitana',
			'Región Andina y Oriente',
			'Región Costa'
		]);
		expect(regions.rows.every((r) => r.path === '')).toBe(true);
		// Each region counts the coalitions anywhere inside it.
		expect(Object.fromEntries(regions.rows.map((r) => [r.name, r.coalitions]))).toEqual({
			'Lima Metropolitana': 37,
			'Región Andina y Oriente': 9,
			'Región Costa': 9
		});

		const costa = await place('Región Costa');
		const inCosta = await listPlacesFor(handle.db, admin(), ids.networkId, { within: costa });
		expect(inCosta.total).toBeGreaterThan(0);
		expect(inCosta.rows.every((r) => r.path.startsWith('Región Costa'))).toBe(true);
		expect(inCosta.rows.map((r) => r.name)).not.toContain('Región Costa');
		expect(all.within.some((w) => w.value === costa)).toBe(true);
		const tingo = await listPlacesFor(handle.db, admin(), ids.networkId, { q: 'tingo maria' });
		expect(tingo.rows.find((r) => r.name === 'Tingo María')!.path).toContain(
			'Región Andina y Oriente'
		);
	});

	it('answers the JSON endpoints in one error shape, with the same codes as the form', async () => {
		const id = await place('Tingo María');
		const request = (body: string) =>
			new Request('http://localhost/api/v1/places', { method: 'PATCH', body });
		// What PATCH does: the body over the current values, then the form's update service.
		const patch = async (body: string) =>
			apiCall(async () => {
				const input = await jsonBody(request(body));
				if (!input) return apiError(400, 'bad_request');
				const current = await placeForEdit(handle.db, admin(), id);
				const result = await updatePlace(handle.db, admin(), id, { ...current.values, ...input });
				if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
				if (result.status === 'stale') return apiError(409, 'stale');
				return Response.json({ data: { id } });
			});

		const invalid = await patch(JSON.stringify({ latitude: 95, ubigeo: '1' }));
		expect(invalid.status).toBe(400);
		expect(await invalid.json()).toEqual({
			error: {
				code: 'invalid',
				message: expect.any(String),
				fields: { latitude: 'latitude_invalid', ubigeo: 'ubigeo_invalid' }
			}
		});
		const notJson = await patch('[1, 2]');
		expect(notJson.status).toBe(400);
		expect((await notJson.json()).error).toMatchObject({ code: 'bad_request', fields: {} });
		const stale = await patch(JSON.stringify({ version: '2000-01-01T00:00:00.000Z' }));
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.code).toBe('stale');
		const ok = await patch(JSON.stringify({ coordsApproximate: true, note: null }));
		expect(ok.status).toBe(200);
		const after = await placeForEdit(handle.db, admin(), id);
		expect(after.values).toMatchObject({ coordsApproximate: 'on', note: '' });

		const missing = await apiCall(async () => {
			await placeForEdit(handle.db, admin(), 'no-such-id');
			return Response.json({});
		});
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.code).toBe('not_found');
	});
});
