import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../src/lib/domain/access';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import { submitContact } from '../../src/lib/server/contact/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId } from '../../src/lib/server/ids';
import {
	addNote,
	assignMessage,
	listMessagesFor,
	messageForView,
	setMessageStatus,
	updateMessage
} from '../../src/lib/server/messages/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { dialects, migratedDb, type TestDb } from '../db';

describe.each(dialects())('the messages inbox on %s', (dialect) => {
	let handle: TestDb;
	let networkId: string;
	const coalitionA = { id: '', slug: '' };
	const coalitionB = { id: '', slug: '' };
	/** an organization that supports coalition P (a role on it) and nothing else, and P */
	const partner = { organizationId: '', coalitionId: '', coalitionSlug: '' };
	let admin: Actor;
	let coordA: Actor;
	let coordB: Actor;
	let viewer: Actor;
	let partnerStaff: Actor;
	let stranger: Actor;
	let address = 0;

	const db = () => handle.db;

	/** A person with an account (better-auth's user table) and role grants in the network. */
	async function person(name: string, grants: Omit<Grant, 'networkId'>[]): Promise<Actor> {
		const userId = newId();
		const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.pe`;
		const now = new Date().toISOString();
		await db()
			.insertInto('user')
			.values({
				id: userId,
				name,
				email,
				emailVerified: false,
				image: null,
				createdAt: now,
				updatedAt: now
			})
			.execute();
		for (const g of grants) {
			await db()
				.insertInto('role_grant')
				.values({
					id: newId(),
					user_id: userId,
					network_id: networkId,
					role: g.role,
					organization_id: g.organizationId,
					coalition_id: g.coalitionId,
					created_by: null,
					created_at: now
				})
				.execute();
		}
		return { userId, name, email, grants: grants.map((g) => ({ ...g, networkId })) };
	}

	/** Stores a message the way the public form does; returns its id. */
	async function visitorWrites(name: string, coalitionSlug = ''): Promise<string> {
		const r = await submitContact(db(), {
			form: {
				name,
				email: 'visitante@example.pe',
				topic: 'join',
				message: 'Quisiera sumarme a la coalición de mi barrio.\nGracias.',
				coalition: coalitionSlug,
				website: ''
			},
			clientAddress: `198.51.100.${++address}`,
			locale: 'es'
		});
		expect(r).toEqual({ status: 'sent' });
		const row = await db()
			.selectFrom('contact_message')
			.select('id')
			.where('name', '=', name)
			.executeTakeFirstOrThrow();
		return row.id;
	}

	const audits = (id: string) =>
		db()
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_type', '=', 'message')
			.where('entity_id', '=', id)
			.orderBy('created_at')
			.execute();

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const auth = createAuth(handle.db, handle.kind, {
			secret: 'inbox-test-secret-0123456789abcdef',
			baseURL: 'http://localhost:3000'
		});
		await migrateAuth(auth);
		networkId = (
			await db()
				.selectFrom('network')
				.select('id')
				.where('slug', '=', 'peru')
				.executeTakeFirstOrThrow()
		).id;
		const coalitions = await db()
			.selectFrom('coalition')
			.select(['id', 'slug'])
			.where('network_id', '=', networkId)
			.where('status', '!=', 'archived')
			.orderBy('name')
			.limit(3)
			.execute();
		Object.assign(coalitionA, coalitions[0]);
		Object.assign(coalitionB, coalitions[1]);
		// A partner of our own, supporting only coalition P: the seed's partners support whole phases.
		const now = new Date().toISOString();
		partner.organizationId = newId();
		partner.coalitionId = coalitions[2].id;
		partner.coalitionSlug = coalitions[2].slug;
		await db()
			.insertInto('organization')
			.values({
				id: partner.organizationId,
				slug: 'socio-de-prueba',
				name: 'Socio de prueba',
				short_name: null,
				name_search: 'socio de prueba',
				kind: 'national_ngo',
				country_code: 'PE',
				website: null,
				description_es: null,
				description_en: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await db()
			.insertInto('partner_role')
			.values({
				id: newId(),
				organization_id: partner.organizationId,
				network_id: networkId,
				phase_id: null,
				coalition_id: partner.coalitionId,
				role: 'implementation',
				note_es: null,
				note_en: null,
				created_at: now
			})
			.execute();

		admin = await person('Ana Administradora', [
			{ role: 'network_admin', organizationId: null, coalitionId: null }
		]);
		coordA = await person('Carlos Coordinador', [
			{ role: 'coordinator', organizationId: null, coalitionId: coalitionA.id }
		]);
		coordB = await person('Berta Coordinadora', [
			{ role: 'coordinator', organizationId: null, coalitionId: coalitionB.id }
		]);
		viewer = await person('Víctor Consulta', [
			{ role: 'viewer', organizationId: null, coalitionId: null }
		]);
		partnerStaff = await person('Paula Socia', [
			{ role: 'partner_staff', organizationId: partner.organizationId, coalitionId: null }
		]);
		stranger = { userId: newId(), name: 'Nadie', email: 'nadie@example.pe', grants: [] };
	});
	afterAll(async () => handle?.close());
	beforeEach(async () => {
		await db().deleteFrom('audit_event').execute();
		await db().deleteFrom('message_note').execute();
		await db().deleteFrom('contact_message').execute();
		await db().deleteFrom('rate_event').execute();
		await db().deleteFrom('user_state').execute();
	});

	it('shows administrators every message of the network, open ones by default', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		const b = await visitorWrites('Juan B', coalitionB.slug);
		const general = await visitorWrites('Elena General');
		const old = await visitorWrites('Pedro Archivado', coalitionA.slug);
		await db()
			.updateTable('contact_message')
			.set({ status: 'archived' })
			.where('id', '=', old)
			.execute();

		const open = await listMessagesFor(db(), admin, networkId, {});
		expect(open.access).toBe('all');
		expect(open.rows.map((r) => r.id).sort()).toEqual([a, b, general].sort());
		expect(open.total).toBe(3);
		const all = await listMessagesFor(db(), admin, networkId, { status: 'all' });
		expect(all.total).toBe(4);
		const archived = await listMessagesFor(db(), admin, networkId, { status: 'archived' });
		expect(archived.rows.map((r) => r.id)).toEqual([old]);
		const row = open.rows.find((r) => r.id === a)!;
		expect(row).toMatchObject({ name: 'Rosa A', topic: 'join', status: 'new', assignee: null });
		expect(row.coalition?.id).toBe(coalitionA.id);
		expect(open.rows.find((r) => r.id === general)!.coalition).toBeNull();
		// A status the filter does not know falls back to the open ones.
		expect((await listMessagesFor(db(), admin, networkId, { status: 'spam' })).total).toBe(3);
	});

	it('sorts newest or oldest first and pages by 25', async () => {
		const base = Date.parse('2026-01-01T12:00:00Z');
		for (let i = 0; i < 30; i++) {
			await db()
				.insertInto('contact_message')
				.values({
					id: newId(),
					network_id: networkId,
					coalition_id: null,
					name: `Visitante ${String(i).padStart(2, '0')}`,
					email: 'v@example.pe',
					topic: 'general',
					message: 'Un mensaje de prueba.',
					locale: 'es',
					status: 'new',
					created_at: new Date(base + i * 60_000).toISOString()
				})
				.execute();
		}
		const first = await listMessagesFor(db(), admin, networkId, {});
		expect(first).toMatchObject({ total: 30, pages: 2, page: 1, sort: 'newest' });
		expect(first.rows).toHaveLength(25);
		expect(first.rows[0].name).toBe('Visitante 29');
		const second = await listMessagesFor(db(), admin, networkId, { page: 2 });
		expect(second.rows.map((r) => r.name)).toEqual([
			'Visitante 04',
			'Visitante 03',
			'Visitante 02',
			'Visitante 01',
			'Visitante 00'
		]);
		const oldest = await listMessagesFor(db(), admin, networkId, { sort: 'oldest' });
		expect(oldest.rows[0].name).toBe('Visitante 00');
	});

	it("shows a coordinator only their coalition's messages; others are not found", async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		const b = await visitorWrites('Juan B', coalitionB.slug);
		const general = await visitorWrites('Elena General');

		const list = await listMessagesFor(db(), coordA, networkId, {});
		expect(list.access).toBe('coalitions');
		expect(list.rows.map((r) => r.id)).toEqual([a]);
		expect((await messageForView(db(), coordA, a)).message.name).toBe('Rosa A');
		await expect(messageForView(db(), coordA, b)).rejects.toBeInstanceOf(NotFoundError);
		await expect(messageForView(db(), coordA, general)).rejects.toBeInstanceOf(NotFoundError);
		await expect(messageForView(db(), coordA, newId())).rejects.toBeInstanceOf(NotFoundError);
		// Writing is refused the same way, and nothing changes.
		await expect(setMessageStatus(db(), coordA, b, { status: 'answered' })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(addNote(db(), coordA, b, { body: 'Hola' })).rejects.toBeInstanceOf(NotFoundError);
		expect(await audits(b)).toHaveLength(0);
	});

	it('shows partner staff the messages about coalitions their organization supports', async () => {
		const p = await visitorWrites('Lucía P', partner.coalitionSlug);
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		const list = await listMessagesFor(db(), partnerStaff, networkId, {});
		expect(list.rows.map((r) => r.id)).toEqual([p]);
		await expect(messageForView(db(), partnerStaff, a)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('shows viewers no messages at all, and refuses people without a role', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		const list = await listMessagesFor(db(), viewer, networkId, {});
		expect(list).toMatchObject({ access: 'none', rows: [], total: 0 });
		await expect(messageForView(db(), viewer, a)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listMessagesFor(db(), stranger, networkId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(listMessagesFor(db(), null, networkId, {})).rejects.toBeInstanceOf(NotFoundError);
		await expect(messageForView(db(), null, a)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('changes the status in an audited write, with the value before and after', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		expect(await setMessageStatus(db(), coordA, a, { status: 'answered' })).toEqual({
			status: 'ok'
		});
		const view = await messageForView(db(), coordA, a);
		expect(view.message.status).toBe('answered');
		const [event] = await audits(a);
		expect(event).toMatchObject({
			network_id: networkId,
			actor_user_id: coordA.userId,
			entity_label: 'Rosa A',
			action: 'update'
		});
		expect(JSON.parse(event.before_json!)).toEqual({ status: 'new', assignedTo: null });
		expect(JSON.parse(event.after_json!)).toEqual({ status: 'answered', assignedTo: null });
		expect(view.history[0].changes).toEqual([
			{ field: 'status', before: 'new', after: 'answered' }
		]);

		// A status that does not exist is refused; setting the same one writes nothing.
		expect(await setMessageStatus(db(), coordA, a, { status: 'spam' })).toMatchObject({
			status: 'invalid',
			errors: { status: 'invalid' }
		});
		expect(await setMessageStatus(db(), coordA, a, { status: 'answered' })).toEqual({
			status: 'ok'
		});
		expect(await audits(a)).toHaveLength(1);
	});

	it('assigns only to someone who can read the message, and audits it', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		const view = await messageForView(db(), admin, a);
		expect(view.staff.map((s) => s.id).sort()).toEqual([admin.userId, coordA.userId].sort());

		expect(await assignMessage(db(), admin, a, { assignedTo: coordA.userId })).toEqual({
			status: 'ok'
		});
		const [event] = await audits(a);
		expect(JSON.parse(event.before_json!)).toEqual({ status: 'new', assignedTo: null });
		expect(JSON.parse(event.after_json!)).toEqual({ status: 'new', assignedTo: coordA.name });
		expect((await messageForView(db(), coordA, a)).assignee).toEqual({
			id: coordA.userId,
			name: coordA.name
		});
		const mine = await listMessagesFor(db(), coordA, networkId, { mine: true });
		expect(mine.rows.map((r) => r.id)).toEqual([a]);
		expect(mine.rows[0].assignee?.name).toBe(coordA.name);
		expect((await listMessagesFor(db(), admin, networkId, { mine: true })).total).toBe(0);

		for (const someone of [coordB, viewer, partnerStaff, stranger]) {
			expect(await assignMessage(db(), admin, a, { assignedTo: someone.userId })).toMatchObject({
				status: 'invalid',
				errors: { assignedTo: 'invalid' }
			});
		}
		// A deactivated account cannot take new work either.
		await db()
			.insertInto('user_state')
			.values({
				user_id: coordA.userId,
				deactivated_at: new Date().toISOString(),
				deactivated_by: admin.userId,
				updated_at: new Date().toISOString()
			})
			.execute();
		await assignMessage(db(), admin, a, { assignedTo: '' });
		expect(await assignMessage(db(), admin, a, { assignedTo: coordA.userId })).toMatchObject({
			status: 'invalid'
		});
		const events = await audits(a);
		expect(events).toHaveLength(2);
		expect(JSON.parse(events[1].after_json!)).toEqual({ status: 'new', assignedTo: null });
	});

	it('changes status and assignee together, or neither when one is invalid', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		expect(
			await updateMessage(db(), admin, a, { status: 'answered', assignedTo: coordB.userId })
		).toMatchObject({ status: 'invalid', errors: { assignedTo: 'invalid' } });
		expect((await messageForView(db(), admin, a)).message.status).toBe('new');
		expect(await updateMessage(db(), admin, a, {})).toMatchObject({ status: 'invalid' });
		expect(
			await updateMessage(db(), admin, a, { status: 'archived', assignedTo: admin.userId })
		).toEqual({ status: 'ok' });
		const events = await audits(a);
		expect(events).toHaveLength(1);
		expect(JSON.parse(events[0].after_json!)).toEqual({
			status: 'archived',
			assignedTo: admin.name
		});
	});

	it('keeps notes newest first, audited, and refuses empty or overlong ones', async () => {
		const a = await visitorWrites('Rosa A', coalitionA.slug);
		expect(await addNote(db(), coordA, a, { body: 'La llamé por teléfono.' })).toEqual({
			status: 'ok'
		});
		await new Promise((r) => setTimeout(r, 5));
		expect(await addNote(db(), admin, a, { body: 'Primera línea\r\nSegunda línea' })).toEqual({
			status: 'ok'
		});
		const view = await messageForView(db(), coordA, a);
		expect(view.notes.map((n) => [n.author, n.body])).toEqual([
			[admin.name, 'Primera línea\nSegunda línea'],
			[coordA.name, 'La llamé por teléfono.']
		]);
		const events = await audits(a);
		expect(events.map((e) => e.action)).toEqual(['add_note', 'add_note']);
		expect(events[0]).toMatchObject({ actor_user_id: coordA.userId, entity_label: 'Rosa A' });
		expect(JSON.parse(events[0].before_json!)).toEqual({ note: null });
		expect(JSON.parse(events[0].after_json!)).toEqual({ note: 'La llamé por teléfono.' });

		expect(await addNote(db(), admin, a, { body: '   ' })).toMatchObject({
			status: 'invalid',
			errors: { body: 'required' }
		});
		expect(await addNote(db(), admin, a, { body: 'x'.repeat(2001) })).toMatchObject({
			status: 'invalid',
			errors: { body: 'too_long' }
		});
		expect(await addNote(db(), admin, a, { body: 'x'.repeat(2000) })).toEqual({ status: 'ok' });
		expect(await audits(a)).toHaveLength(3);
	});
});
