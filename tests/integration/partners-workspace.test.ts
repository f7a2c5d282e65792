import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/lib/domain/access';
import type { Db } from '../../src/lib/server/db';
import { NotFoundError } from '../../src/lib/server/errors';
import {
	PAGE_SIZE,
	addPartnerRole,
	createPartner,
	listPartnersFor,
	partnerForEdit,
	removePartnerRole,
	updatePartner
} from '../../src/lib/server/partners/workspace';
import { peru } from '../../src/lib/server/seed/peru';
import { seedDefaultIfEmpty, seedNetwork } from '../../src/lib/server/seed/service';
import { dialects, migratedDb, type TestDb } from '../db';

function actor(
	name: string,
	role: Role,
	networkId: string,
	scope: { organizationId?: string; coalitionId?: string } = {}
): Actor {
	return {
		userId: `user-${name}`,
		name,
		email: `${name.toLowerCase()}@example.pe`,
		grants: [
			{
				role,
				networkId,
				organizationId: scope.organizationId ?? null,
				coalitionId: scope.coalitionId ?? null
			}
		]
	};
}

async function counts(db: Db) {
	const n = async (table: 'organization' | 'partner_role' | 'audit_event') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		organizations: await n('organization'),
		roles: await n('partner_role'),
		audit: await n('audit_event')
	};
}

const newPartner = {
	name: 'Asociación Vecinal de Salud Comunitaria',
	shortName: 'AVESAC',
	slug: '',
	kind: 'community_group',
	countryCode: 'pe',
	website: 'https://avesac.org.pe',
	descriptionEs: 'Vecinos que acompañan a las coaliciones de Comas.',
	descriptionEn: '',
	role: 'community',
	phaseId: '',
	coalitionId: '',
	noteEs: 'Apoyo en las jornadas de prevención',
	noteEn: ''
};

describe.each(dialects())('partner organizations in the workspace on %s', (dialect) => {
	let handle: TestDb;
	let db: Db;
	let networkId: string;
	let otherNetworkId: string;
	let phases: Map<number, string>;
	let coalitionId: string;
	let otherPhaseId: string;
	let cedroId: string;
	let admin: Actor;
	let coordinator: Actor;
	let viewer: Actor;
	let partnerId: string;

	const idOfSlug = async (slug: string) =>
		(
			await db
				.selectFrom('organization')
				.select('id')
				.where('slug', '=', slug)
				.executeTakeFirstOrThrow()
		).id;
	const names = async (who: Actor, query: Parameters<typeof listPartnersFor>[3]) =>
		(await listPartnersFor(db, who, networkId, query)).rows.map((r) => r.short_name ?? r.name);

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		db = handle.db;
		await seedDefaultIfEmpty(db);
		// A second network that also works with CEDRO: organizations are shared between networks.
		await seedNetwork(db, {
			...peru,
			slug: 'andes-sur',
			nameEs: 'Red Andes Sur',
			nameEn: 'Southern Andes Network',
			organizations: peru.organizations.filter((o) => o.slug === 'cedro'),
			phases: [
				{
					...peru.phases[0],
					targetPlaces: [],
					partners: [{ organization: 'cedro', role: 'funding' }]
				}
			],
			places: [],
			stories: []
		});
		const network = async (slug: string) =>
			(
				await db
					.selectFrom('network')
					.select('id')
					.where('slug', '=', slug)
					.executeTakeFirstOrThrow()
			).id;
		networkId = await network('peru');
		otherNetworkId = await network('andes-sur');
		phases = new Map(
			(
				await db
					.selectFrom('phase')
					.select(['id', 'number'])
					.where('network_id', '=', networkId)
					.execute()
			).map((p) => [Number(p.number), p.id])
		);
		otherPhaseId = (
			await db
				.selectFrom('phase')
				.select('id')
				.where('network_id', '=', otherNetworkId)
				.executeTakeFirstOrThrow()
		).id;
		coalitionId = (
			await db
				.selectFrom('coalition')
				.select('id')
				.where('network_id', '=', networkId)
				.where('name', '=', 'Callao Norte')
				.executeTakeFirstOrThrow()
		).id;
		cedroId = await idOfSlug('cedro');
		admin = actor('Ana', 'network_admin', networkId);
		coordinator = actor('Carlos', 'coordinator', networkId, { coalitionId });
		viewer = actor('Vilma', 'viewer', networkId);
	});
	afterAll(async () => handle?.close());

	it('lists the network partners with their roles and phases, for any role in the network', async () => {
		for (const who of [admin, coordinator, viewer]) {
			const list = await listPartnersFor(db, who, networkId, {});
			expect(list.total).toBe(5);
			expect(list.canCreate).toBe(who === admin);
		}
		const list = await listPartnersFor(db, viewer, networkId, {});
		// By full name: Centro de Información…, Community Anti-Drug…, CRESER, Sección de…, SUMBI.
		expect(list.rows.map((r) => r.short_name)).toEqual([
			'CEDRO',
			'CADCA',
			'CRESER',
			'NAS',
			'SUMBI'
		]);
		expect(list.rows.find((r) => r.short_name === 'CADCA')).toMatchObject({
			kind: 'international_trainer',
			roles: ['training_ta'],
			phases: [1, 2, 3]
		});
		// CEDRO's funding role belongs to the other network and does not show here.
		expect(list.rows.find((r) => r.short_name === 'CEDRO')).toMatchObject({
			roles: ['implementation'],
			phases: [1, 2]
		});
	});

	it('searches names ignoring accents and case, filters by kind and role, and sorts', async () => {
		expect(await names(viewer, { q: 'cedro' })).toEqual(['CEDRO']);
		expect(await names(viewer, { q: 'informacion' })).toEqual(['CEDRO']);
		expect(await names(viewer, { q: 'PREVENCIÓN DEL ABUSO' })).toEqual(['CEDRO']);
		expect(await names(viewer, { q: 'embajada' })).toEqual(['NAS']);
		expect(await names(viewer, { q: '100%_' })).toEqual([]);
		expect(await names(viewer, { kind: 'national_ngo' })).toEqual(['CEDRO', 'CRESER', 'SUMBI']);
		expect(await names(viewer, { role: 'funding' })).toEqual(['NAS']);
		expect(await names(viewer, { role: 'implementation', q: 'cre' })).toEqual(['CRESER']);
		expect(await names(viewer, { kind: 'no-such-kind' })).toHaveLength(5);
		expect(await names(viewer, { sort: '-name' })).toEqual([
			'SUMBI',
			'NAS',
			'CRESER',
			'CADCA',
			'CEDRO'
		]);
		// Kinds in the domain's order (trainers, NGOs, funders, …), then by name.
		expect(await names(viewer, { sort: 'kind' })).toEqual([
			'CADCA',
			'CEDRO',
			'CRESER',
			'SUMBI',
			'NAS'
		]);
		const other = await listPartnersFor(
			db,
			actor('Otto', 'viewer', otherNetworkId),
			otherNetworkId,
			{}
		);
		expect(other.rows.map((r) => [r.short_name, r.roles])).toEqual([['CEDRO', ['funding']]]);
	});

	it('hides the workspace from people without a role in the network', async () => {
		const outsider = actor('Olga', 'network_admin', otherNetworkId);
		await expect(listPartnersFor(db, outsider, networkId, {})).rejects.toThrow(NotFoundError);
		await expect(listPartnersFor(db, null, networkId, {})).rejects.toThrow(NotFoundError);
		await expect(partnerForEdit(db, outsider, networkId, cedroId)).rejects.toThrow(NotFoundError);
		// SUMBI works only in the Peru network: from the other one it does not exist.
		const sumbi = await idOfSlug('sumbi');
		await expect(partnerForEdit(db, outsider, otherNetworkId, sumbi)).rejects.toThrow(
			NotFoundError
		);
		await expect(
			updatePartner(db, outsider, otherNetworkId, sumbi, { name: 'SUMBI', kind: 'national_ngo' })
		).rejects.toThrow(NotFoundError);
	});

	it('shows a partner read-only to coordinators and viewers, with its roles in this network', async () => {
		const record = await partnerForEdit(db, viewer, networkId, cedroId);
		expect(record.canEdit).toBe(false);
		expect(record.values).toMatchObject({ shortName: 'CEDRO', slug: 'cedro', countryCode: 'PE' });
		expect(record.roles.map((r) => [r.role, r.phaseNumber, r.coalitionName])).toEqual([
			['implementation', 1, null],
			['implementation', 2, null]
		]);
		expect(record.options.phases.map((p) => p.number)).toEqual([1, 2, 3]);
		expect(record.options.coalitions.length).toBe(55);
		expect((await partnerForEdit(db, coordinator, networkId, cedroId)).canEdit).toBe(false);
		expect((await partnerForEdit(db, admin, networkId, cedroId)).canEdit).toBe(true);
	});

	it('refuses every write from coordinators and viewers, writing nothing', async () => {
		const before = await counts(db);
		const roleId = (await partnerForEdit(db, admin, networkId, cedroId)).roles[0].id;
		for (const who of [coordinator, viewer]) {
			await expect(createPartner(db, who, networkId, newPartner)).rejects.toThrow(NotFoundError);
			await expect(
				updatePartner(db, who, networkId, cedroId, { name: 'CEDRO', kind: 'national_ngo' })
			).rejects.toThrow(NotFoundError);
			await expect(
				addPartnerRole(db, who, networkId, cedroId, { role: 'funding' })
			).rejects.toThrow(NotFoundError);
			await expect(removePartnerRole(db, who, networkId, cedroId, roleId)).rejects.toThrow(
				NotFoundError
			);
		}
		expect(await counts(db)).toEqual(before);
	});

	it('creates a partner together with its first role, and records both', async () => {
		const before = await counts(db);
		const result = await createPartner(db, admin, networkId, {
			...newPartner,
			phaseId: phases.get(3)!
		});
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		partnerId = result.id;
		expect(await counts(db)).toEqual({
			organizations: before.organizations + 1,
			roles: before.roles + 1,
			audit: before.audit + 2
		});
		const record = await partnerForEdit(db, admin, networkId, partnerId);
		expect(record.values).toMatchObject({
			name: newPartner.name,
			shortName: 'AVESAC',
			slug: 'avesac',
			countryCode: 'PE',
			website: 'https://avesac.org.pe',
			descriptionEn: ''
		});
		expect(record.roles).toEqual([
			expect.objectContaining({
				role: 'community',
				phaseNumber: 3,
				coalitionId: null,
				noteEs: 'Apoyo en las jornadas de prevención',
				noteEn: null
			})
		]);
		const events = await db
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_id', '=', partnerId)
			.execute();
		expect(events.map((e) => e.action).sort()).toEqual(['add_role', 'create']);
		for (const e of events) {
			expect(e).toMatchObject({
				network_id: networkId,
				entity_type: 'organization',
				actor_user_id: 'user-Ana',
				actor_label: 'Ana',
				before_json: null
			});
		}
		const created = events.find((e) => e.action === 'create')!;
		expect(JSON.parse(created.after_json!)).toMatchObject({
			shortName: 'AVESAC',
			kind: 'community_group'
		});
		const added = events.find((e) => e.action === 'add_role')!;
		expect(JSON.parse(added.after_json!)).toEqual({
			role: 'community',
			phaseId: phases.get(3),
			coalitionId: null,
			noteEs: 'Apoyo en las jornadas de prevención',
			noteEn: null
		});
		expect(record.history.map((h) => h.action).sort()).toEqual(['add_role', 'create']);
		expect(await names(viewer, { q: 'salud comunitaria' })).toEqual(['AVESAC']);
		expect(await names(viewer, { q: 'avesac' })).toEqual(['AVESAC']);
	});

	it('refuses bad input with field codes, keeps what was typed and writes nothing', async () => {
		const before = await counts(db);
		const bad = { ...newPartner, name: 'X', kind: 'club', website: 'avesac', role: '' };
		const invalid = await createPartner(db, admin, networkId, bad);
		expect(invalid).toMatchObject({
			status: 'invalid',
			errors: { name: 'too_short', kind: 'invalid', website: 'url_invalid', role: 'required' },
			values: { name: 'X', website: 'avesac', noteEs: newPartner.noteEs }
		});
		const foreign = await createPartner(db, admin, networkId, {
			...newPartner,
			shortName: 'OTRA',
			phaseId: otherPhaseId,
			coalitionId: 'no-such-coalition'
		});
		expect(foreign).toMatchObject({
			status: 'invalid',
			errors: { phaseId: 'not_found', coalitionId: 'not_found' },
			values: { shortName: 'OTRA', phaseId: otherPhaseId }
		});
		const taken = await createPartner(db, admin, networkId, { ...newPartner, shortName: 'CEDRO' });
		expect(taken).toMatchObject({ status: 'invalid', errors: { slug: 'slug_taken' } });
		const typedTaken = await createPartner(db, admin, networkId, { ...newPartner, slug: 'avesac' });
		expect(typedTaken).toMatchObject({ status: 'invalid', errors: { slug: 'slug_taken' } });
		expect(
			await addPartnerRole(db, admin, networkId, partnerId, {
				role: 'funding',
				coalitionId: 'nope'
			})
		).toMatchObject({ status: 'invalid', errors: { coalitionId: 'not_found' } });
		expect(
			await addPartnerRole(db, admin, networkId, partnerId, {
				role: 'boss',
				noteEn: 'x'.repeat(501)
			})
		).toMatchObject({ status: 'invalid', errors: { role: 'invalid', noteEn: 'too_long' } });
		expect(await counts(db)).toEqual(before);
	});

	it('edits a partner, recording the values before and after', async () => {
		const { values } = await partnerForEdit(db, admin, networkId, partnerId);
		const result = await updatePartner(db, admin, networkId, partnerId, {
			...values,
			name: 'Asociación Vecinal Ñaña de Salud',
			website: '',
			descriptionEn: 'Neighbours who support the Comas coalitions.'
		});
		expect(result).toEqual({ status: 'ok', id: partnerId });
		const record = await partnerForEdit(db, admin, networkId, partnerId);
		expect(record.values).toMatchObject({
			name: 'Asociación Vecinal Ñaña de Salud',
			slug: 'avesac',
			website: ''
		});
		const update = record.history.find((h) => h.action === 'update')!;
		expect(update.changes).toEqual(
			expect.arrayContaining([
				{
					field: 'name',
					before: 'Asociación Vecinal de Salud Comunitaria',
					after: 'Asociación Vecinal Ñaña de Salud'
				},
				{ field: 'website', before: 'https://avesac.org.pe', after: null },
				{
					field: 'descriptionEn',
					before: null,
					after: 'Neighbours who support the Comas coalitions.'
				}
			])
		);
		expect(update.changes).toHaveLength(3);
		expect(await names(viewer, { q: 'nana de salud' })).toEqual(['AVESAC']);
		expect(await names(viewer, { q: 'comunitaria' })).toEqual([]);
	});

	it('refuses a save over a newer change, and a slug another organization has', async () => {
		const before = await counts(db);
		const { values } = await partnerForEdit(db, admin, networkId, partnerId);
		const stale = await updatePartner(db, admin, networkId, partnerId, {
			...values,
			name: 'Nombre viejo',
			version: '2000-01-01T00:00:00.000Z'
		});
		expect(stale).toMatchObject({ status: 'stale', values: { name: 'Nombre viejo' } });
		const taken = await updatePartner(db, admin, networkId, partnerId, {
			...values,
			slug: 'cedro'
		});
		expect(taken).toMatchObject({ status: 'invalid', errors: { slug: 'slug_taken' } });
		const invalid = await updatePartner(db, admin, networkId, partnerId, {
			...values,
			countryCode: 'Perú'
		});
		expect(invalid).toMatchObject({ status: 'invalid', errors: { countryCode: 'invalid' } });
		expect(await counts(db)).toEqual(before);
		expect((await partnerForEdit(db, admin, networkId, partnerId)).values).toEqual(values);
		// Keeping its own slug is no conflict.
		expect(await updatePartner(db, admin, networkId, partnerId, values)).toMatchObject({
			status: 'ok'
		});
	});

	it('adds and removes roles, each recorded under the organization', async () => {
		const added = await addPartnerRole(db, admin, networkId, partnerId, {
			role: 'implementation',
			coalitionId,
			noteEn: 'Door-to-door visits'
		});
		expect(added).toEqual({ status: 'ok', id: partnerId });
		let record = await partnerForEdit(db, admin, networkId, partnerId);
		expect(record.roles.map((r) => [r.role, r.phaseNumber, r.coalitionName])).toEqual([
			['implementation', null, 'Callao Norte'],
			['community', 3, null]
		]);
		expect(await names(viewer, { role: 'implementation', q: 'avesac' })).toEqual(['AVESAC']);

		const community = record.roles.find((r) => r.role === 'community')!;
		expect(await removePartnerRole(db, admin, networkId, partnerId, community.id)).toEqual({
			remaining: 1
		});
		record = await partnerForEdit(db, admin, networkId, partnerId);
		expect(record.roles.map((r) => r.role)).toEqual(['implementation']);
		const removal = await db
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_id', '=', partnerId)
			.where('action', '=', 'remove_role')
			.executeTakeFirstOrThrow();
		expect(removal.after_json).toBeNull();
		expect(JSON.parse(removal.before_json!)).toEqual({
			role: 'community',
			phaseId: phases.get(3),
			coalitionId: null,
			noteEs: 'Apoyo en las jornadas de prevención',
			noteEn: null
		});
		expect(record.history.map((h) => h.action)).toEqual(
			expect.arrayContaining(['create', 'add_role', 'update', 'remove_role'])
		);
		expect(record.history.find((h) => h.action === 'remove_role')!.changes).toContainEqual({
			field: 'role',
			before: 'community',
			after: null
		});

		// A role of another organization, or of another network, cannot be removed through this one.
		const cedroRole = (await partnerForEdit(db, admin, networkId, cedroId)).roles[0].id;
		await expect(removePartnerRole(db, admin, networkId, partnerId, cedroRole)).rejects.toThrow(
			NotFoundError
		);
	});

	it('lets the last role go: the organization leaves the list but stays in the database', async () => {
		const [last] = (await partnerForEdit(db, admin, networkId, partnerId)).roles;
		expect(await removePartnerRole(db, admin, networkId, partnerId, last.id)).toEqual({
			remaining: 0
		});
		expect(await names(viewer, { q: 'avesac' })).toEqual([]);
		await expect(partnerForEdit(db, admin, networkId, partnerId)).rejects.toThrow(NotFoundError);
		await expect(
			addPartnerRole(db, admin, networkId, partnerId, { role: 'community' })
		).rejects.toThrow(NotFoundError);
		expect(
			await db.selectFrom('organization').select('slug').where('id', '=', partnerId).execute()
		).toEqual([{ slug: 'avesac' }]);
	});

	it("keeps another network's role changes out of an organization's history", async () => {
		const otherAdmin = actor('Olga', 'network_admin', otherNetworkId);
		expect(
			await addPartnerRole(db, otherAdmin, otherNetworkId, cedroId, { role: 'training_ta' })
		).toMatchObject({ status: 'ok' });
		const { values } = await partnerForEdit(db, otherAdmin, otherNetworkId, cedroId);
		expect(
			await updatePartner(db, otherAdmin, otherNetworkId, cedroId, { ...values, countryCode: 'pe' })
		).toMatchObject({ status: 'ok' });
		const here = await partnerForEdit(db, viewer, networkId, cedroId);
		expect(here.history.map((h) => h.action)).toEqual(['update']);
		expect(here.roles.map((r) => r.role)).toEqual(['implementation', 'implementation']);
		const there = await partnerForEdit(db, otherAdmin, otherNetworkId, cedroId);
		expect(there.history.map((h) => h.action).sort()).toEqual(['add_role', 'update']);
	});

	it('pages through the list, keeping filters and order', async () => {
		const existing = (await listPartnersFor(db, viewer, networkId, {})).total;
		for (let i = existing; i < PAGE_SIZE + 3; i++) {
			const n = String(i).padStart(2, '0');
			const created = await createPartner(db, admin, networkId, {
				...newPartner,
				name: `Junta Vecinal ${n}`,
				shortName: '',
				role: 'community'
			});
			expect(created.status).toBe('ok');
		}
		const first = await listPartnersFor(db, viewer, networkId, {});
		expect(first).toMatchObject({ total: PAGE_SIZE + 3, pages: 2, page: 1 });
		expect(first.rows).toHaveLength(PAGE_SIZE);
		const second = await listPartnersFor(db, viewer, networkId, { page: 2 });
		expect(second.rows).toHaveLength(3);
		const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
		expect(ids.size).toBe(PAGE_SIZE + 3);
		expect(second.rows.map((r) => r.short_name ?? r.name)).toEqual([
			`Junta Vecinal ${String(PAGE_SIZE + 2).padStart(2, '0')}`,
			'NAS',
			'SUMBI'
		]);
		const filtered = await listPartnersFor(db, viewer, networkId, { q: 'junta', sort: '-name' });
		expect(filtered.total).toBe(PAGE_SIZE + 3 - existing);
		expect(filtered.rows[0].name).toBe(`Junta Vecinal ${String(PAGE_SIZE + 2).padStart(2, '0')}`);
		const beyond = await listPartnersFor(db, viewer, networkId, { page: 99 });
		expect(beyond.rows).toEqual([]);
		expect((await listPartnersFor(db, viewer, networkId, { page: Number('x') })).page).toBe(1);
	});
});
