/**
 * The JSON API against its own OpenAPI document, on every database: each documented operation is
 * called through its real route handler (in process, with a bearer token resolved the way the
 * server hook resolves it), and its status and body are checked against what the document
 * promises. Then scopes, read-only tokens, revocation and cursor pagination.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Actor, Role } from '../../src/lib/domain/access';
import { openApiDocument, operations, type Operation } from '../../src/lib/server/api/openapi';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import { bearerActor } from '../../src/lib/server/http/api';
import { newId, nowIso } from '../../src/lib/server/ids';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { createToken, revokeToken } from '../../src/lib/server/tokens/service';
import { peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

// The route handlers import the app's database from $lib/server; here it is the test database.
const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server', () => ({
	get db() {
		return state.db;
	}
}));

type Handler = (event: unknown) => Promise<Response>;
const routeModules = import.meta.glob<Record<string, Handler>>(
	'../../src/routes/api/v1/**/+server.ts'
);

function routeFile(path: string): string {
	return `../../src/routes/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}/+server.ts`;
}

const doc = openApiDocument();
type JsonSchema = Record<string, unknown>;

/** The document's schema with its `$ref`s replaced by the component they name. */
function resolve(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(resolve);
	if (!schema || typeof schema !== 'object') return schema;
	const s = schema as JsonSchema;
	if (typeof s.$ref === 'string') {
		const name = s.$ref.replace('#/components/schemas/', '');
		return resolve((doc.components.schemas as Record<string, unknown>)[name]);
	}
	return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolve(v)]));
}

function documented(op: Operation, status: number): JsonSchema | null {
	const operation = (doc.paths as Record<string, Record<string, JsonSchema>>)[op.path][op.method];
	const response = (operation.responses as Record<string, JsonSchema>)[String(status)];
	if (!response) return null;
	const content = response.content as Record<string, { schema: unknown }> | undefined;
	return content ? (resolve(content['application/json'].schema) as JsonSchema) : {};
}

/** Checks the answer against the document: a documented status and, for JSON, the shape. */
async function expectDocumented(op: Operation, res: Response) {
	const schema = documented(op, res.status);
	expect(schema, `${op.method} ${op.path} answered an undocumented ${res.status}`).not.toBeNull();
	if (res.status === 204) return null;
	const body = await res.json();
	const check = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(body);
	expect(check.success, `${op.method} ${op.path}: ${JSON.stringify(check.error?.issues)}`).toBe(
		true
	);
	return body;
}

describe.each(dialects())('the JSON API on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	const tokens: Record<string, string> = {};
	const actors: Record<string, Actor> = {};
	/** Path parameters, filled by the creations as they succeed. */
	const params: Record<string, string> = {};

	async function call(
		method: string,
		path: string,
		token: string | null,
		options: { body?: unknown; query?: string; rawBody?: string } = {}
	): Promise<Response> {
		const template = operations().find(
			(o) =>
				o.method === method && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path)
		);
		if (!template) throw new Error(`no documented operation for ${method} ${path}`);
		const names = [...template.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
		const values = new RegExp(`^${template.path.replace(/\{\w+\}/g, '([^/]+)')}$`)
			.exec(path)!
			.slice(1);
		const request = new Request(`http://localhost/api/v1${path}${options.query ?? ''}`, {
			method: method.toUpperCase(),
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body:
				options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
		});
		const actor = await bearerActor(handle.db, request);
		if (actor instanceof Response) return actor;
		const load = routeModules[routeFile(template.path)];
		if (!load) throw new Error(`no route file for ${template.path}`);
		const handler = (await load())[method.toUpperCase()];
		return handler({
			request,
			url: new URL(request.url),
			params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i])])),
			locals: { actor },
			cookies: { get: () => undefined }
		});
	}

	/** A concrete path for an operation, from the ids gathered so far. */
	function pathOf(op: Operation): string {
		return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
			const key = name === 'id' ? op.path.split('/')[1] : name;
			const value = params[key];
			if (!value) throw new Error(`no ${key} yet for ${op.path}`);
			return value;
		});
	}

	async function userWith(name: string, role: Role, scope: Partial<Record<string, string>>) {
		const userId = newId();
		const now = nowIso();
		await handle.db
			.insertInto('user')
			.values({
				id: userId,
				name,
				email: `${name}@example.org`,
				emailVerified: true,
				image: null,
				createdAt: now,
				updatedAt: now
			})
			.execute();
		await handle.db
			.insertInto('role_grant')
			.values({
				id: newId(),
				user_id: userId,
				network_id: ids.networkId,
				role,
				organization_id: scope.organizationId ?? null,
				coalition_id: scope.coalitionId ?? null,
				created_by: null,
				created_at: now
			})
			.execute();
		actors[name] = {
			userId,
			name,
			email: `${name}@example.org`,
			grants: [
				{
					role,
					networkId: ids.networkId,
					organizationId: scope.organizationId ?? null,
					coalitionId: scope.coalitionId ?? null
				}
			]
		};
		for (const scopeName of ['read', 'write'] as const) {
			const made = await createToken(handle.db, actors[name], {
				name: `${name} ${scopeName}`,
				scope: scopeName
			});
			if (made.status !== 'ok') throw new Error('token not made');
			tokens[`${name}:${scopeName}`] = made.secret;
		}
	}

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		state.db = handle.db;
		await seedDefaultIfEmpty(handle.db);
		await migrateAuth(
			createAuth(handle.db, handle.kind, {
				secret: 'api-test-secret-api-test-secret-api-test',
				baseURL: 'http://localhost:3000'
			})
		);
		ids = await peruIds(handle.db);
		await userWith('admin', 'network_admin', {});
		await userWith('coordinator', 'coordinator', { coalitionId: ids.callaoNorte });
		await userWith('viewer', 'viewer', {});
		const callao = await handle.db
			.selectFrom('place')
			.select('id')
			.where('name', '=', 'Callao')
			.executeTakeFirstOrThrow();
		Object.assign(params, {
			networks: ids.networkId,
			coalitions: ids.callaoNorte,
			callaoPlace: callao.id
		});
	});
	afterAll(async () => handle?.close());

	it('documents every handler the routes export, and nothing else', async () => {
		const exported: string[] = [];
		for (const [file, load] of Object.entries(routeModules)) {
			const path = file
				.replace('../../src/routes/api/v1', '')
				.replace('/+server.ts', '')
				.replace(/\[(\w+)\]/g, '{$1}');
			if (path === '/openapi.json') continue;
			for (const method of Object.keys(await load())) {
				if (/^[A-Z]+$/.test(method)) exported.push(`${method.toLowerCase()} ${path}`);
			}
		}
		const inDocument = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m} ${path}`)
		);
		expect(inDocument.sort()).toEqual(exported.sort());
		expect(doc.openapi).toBe('3.1.0');
		// The checker itself catches a body that breaks the document.
		const meetings = operations().find((o) => o.path === '/coalitions/{id}/meetings')!;
		const schema = z.fromJSONSchema(
			documented(meetings, 200) as Parameters<typeof z.fromJSONSchema>[0]
		);
		expect(schema.safeParse({ data: [], next_cursor: null }).success).toBe(true);
		expect(schema.safeParse({ data: [{ id: 1 }], next_cursor: null }).success).toBe(false);
		expect(schema.safeParse({ data: [] }).success).toBe(false);
		expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ scheme: 'bearer' });
	});

	it('creates through every documented POST, answering the documented shape', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const bodies: Record<string, () => Record<string, unknown>> = {
			'/places': () => ({
				name: 'Barrio Contrato',
				kind: 'community',
				parentId: params.callaoPlace
			}),
			'/phases': () => ({ number: 9, nameEs: 'Fase de prueba', startYear: 2024 }),
			'/partners': () => ({ name: 'ONG Contrato', kind: 'national_ngo', role: 'implementation' }),
			'/coalitions': () => ({
				name: 'Coalición Contrato',
				placeId: params.callaoPlace,
				status: 'forming'
			}),
			'/coalitions/{id}/members': () => ({
				firstName: 'Rosa',
				lastName: 'Quispe',
				email: 'rosa@example.org',
				birthYear: 1980,
				role: 'member',
				sector: 'parents',
				startedOn: '2025-01-15'
			}),
			'/coalitions/{id}/meetings': () => ({
				heldOn: '2025-02-10',
				kind: 'coalition',
				guestsCount: 2,
				attendees: params.membership
			}),
			'/trainings': () => ({
				title: 'Taller de planificación',
				kind: 'local_workshop',
				startsOn: '2025-03-01',
				topics: 'capacity',
				hours: 8
			}),
			'/coalitions/{id}/assistance': () => ({
				contactOn: '2025-03-02',
				providerId: ids.sumbi,
				mode: 'remote',
				hours: 2,
				topic: 'planning'
			}),
			'/indicators': () => ({ nameEs: 'Puntos de venta cerca de colegios', unit: 'count' }),
			'/coalitions/{id}/indicator-values': () => ({
				indicatorId: params.indicators,
				period: '2025',
				numerator: 14
			}),
			'/coalitions/{id}/activities': () => ({
				happenedOn: today < '2025-04-01' ? today : '2025-04-01',
				description: 'Feria de prevención en la plaza',
				strategyCode: 'provide_information',
				kind: 'community_action'
			}),
			'/coalitions/{id}/changes': () => ({
				kind: 'policy',
				title: 'Ordenanza de horarios de venta de alcohol',
				happenedOn: '2025-05-01',
				status: 'adopted'
			}),
			'/coalitions/{id}/stories': () => ({
				titleEs: 'La plaza recuperada',
				bodyEs: 'La comunidad se organizó.'
			})
		};
		// Where each creation's id goes, for the operations on one record.
		const idKey: Record<string, string> = {
			'/coalitions/{id}/members': 'personId',
			'/coalitions/{id}/meetings': 'meetingId',
			'/coalitions/{id}/assistance': 'contactId',
			'/coalitions/{id}/indicator-values': 'valueId',
			'/coalitions/{id}/activities': 'activityId',
			'/coalitions/{id}/changes': 'changeId',
			'/coalitions/{id}/stories': 'storyId'
		};
		const posts = operations().filter((o) => o.method === 'post');
		expect(Object.keys(bodies).sort()).toEqual(posts.map((o) => o.path).sort());
		for (const op of posts) {
			const res = await call('post', pathOf(op), tokens['admin:write'], {
				body: bodies[op.path]()
			});
			expect(res.status, `${op.path}: ${await res.clone().text()}`).toBe(op.status);
			const body = await expectDocumented(op, res);
			const key = idKey[op.path] ?? op.path.slice(1);
			const created = body.data.id ?? body.data.personId;
			// The coalition's own sub-resources go under the seeded coalition, not the new one.
			if (op.path === '/coalitions') params.newCoalition = created;
			else params[key] = created;
			if (op.path === '/coalitions/{id}/members') params.membership = body.data.membershipId;
		}
		expect(params.networks).toBe(ids.networkId);
	});

	it('answers every documented GET and PATCH in its documented shape', async () => {
		const patches: Record<string, Record<string, unknown>> = {
			'/places/{id}': { note: 'Revisado' },
			'/phases/{id}': { summaryEs: 'Una fase para el contrato' },
			'/partners/{id}': { shortName: 'ONGC' },
			'/coalitions/{id}': { descriptionEs: 'Coalición del barrio' },
			'/coalitions/{id}/members/{personId}': { phone: '999 888 777' },
			'/coalitions/{id}/meetings/{meetingId}': { title: 'Asamblea' },
			'/trainings/{id}': { hours: 10 },
			'/coalitions/{id}/assistance/{contactId}': { hours: 3 },
			'/coalitions/{id}/changes/{changeId}': { status: 'enforced' },
			'/coalitions/{id}/stories/{storyId}': { titleEn: 'The square reclaimed' },
			'/messages/{id}': { status: 'answered' }
		};
		params.messages = await contactMessage(handle, ids.networkId, ids.callaoNorte);
		for (const op of operations()) {
			if (op.method === 'get') {
				const res = await call('get', pathOf(op), tokens['admin:read'], {
					query: op.answer.kind === 'page' ? '?limit=2' : ''
				});
				expect(res.status, `${op.path}: ${await res.clone().text()}`).toBe(200);
				const body = await expectDocumented(op, res);
				if (op.answer.kind === 'page' && !op.path.startsWith('/messages'))
					expect(body.data.length, op.path).toBeGreaterThan(0);
			} else if (op.method === 'patch') {
				expect(patches[op.path], `a PATCH body for ${op.path}`).toBeDefined();
				const res = await call('patch', pathOf(op), tokens['admin:write'], {
					body: patches[op.path]
				});
				expect(res.status, `${op.path}: ${await res.clone().text()}`).toBe(200);
				const body = await expectDocumented(op, res);
				const [field, value] = Object.entries(patches[op.path])[0];
				expect(String(body.data[field] ?? body.data.person?.[field] ?? value)).toBe(String(value));
			}
		}
		const del = operations().find((o) => o.method === 'delete')!;
		const res = await call('delete', pathOf(del), tokens['admin:write']);
		await expectDocumented(del, res);
		expect(res.status).toBe(204);
	});

	it('answers bad input, a bad body and a bad page in the one documented error shape', async () => {
		const posts = operations().filter((o) => o.method === 'post');
		for (const op of posts) {
			const invalid = await call('post', pathOf(op), tokens['admin:write'], { body: {} });
			expect(invalid.status, op.path).toBe(400);
			const body = await expectDocumented(op, invalid);
			expect(body.error.code).toBe('invalid');
			expect(Object.keys(body.error.fields).length, op.path).toBeGreaterThan(0);
		}
		const coalitions = operations().find((o) => o.path === '/coalitions' && o.method === 'get')!;
		const notJson = await call('post', '/coalitions', tokens['admin:write'], { rawBody: '[1' });
		expect(notJson.status).toBe(400);
		for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?cursor=%%%', '?cursor=bm9wZQ']) {
			const res = await call('get', '/coalitions', tokens['admin:read'], { query });
			expect(res.status, query).toBe(400);
			const body = await expectDocumented(coalitions, res);
			expect(body.error.code).toBe('bad_page');
		}
	});

	it('walks every page of a list once, with no row twice and none missing', async () => {
		for (const sort of ['name', '-name', 'updated', '-updated']) {
			const seen: string[] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const query: string = `?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
				const res = await call('get', '/coalitions', tokens['admin:read'], { query });
				expect(res.status).toBe(200);
				const body = (await res.json()) as { data: { id: string }[]; next_cursor: string | null };
				expect(body.data.length).toBeLessThanOrEqual(7);
				seen.push(...body.data.map((c) => c.id));
				cursor = body.next_cursor;
				pages++;
			} while (cursor && pages < 100);
			const all = await handle.db
				.selectFrom('coalition')
				.select('id')
				.where('network_id', '=', ids.networkId)
				.where('status', '!=', 'archived')
				.execute();
			expect(new Set(seen).size).toBe(seen.length);
			expect([...seen].sort()).toEqual(all.map((c) => c.id).sort());
			expect(pages).toBe(Math.ceil(all.length / 7));
		}
	});

	it('filters a dated list by period and sorts it by date either way', async () => {
		const dated = async (happened_on: string) => {
			const id = newId();
			await handle.db
				.insertInto('community_change')
				.values({
					id,
					coalition_id: ids.callaoNorte,
					kind: 'policy',
					title: `Cambio del ${happened_on}`,
					description: null,
					sector: null,
					local_condition_item_id: null,
					happened_on,
					evidence: null,
					status: 'adopted',
					created_at: nowIso(),
					updated_at: nowIso()
				})
				.execute();
			return id;
		};
		const before = await dated('2019-12-31');
		const first = await dated('2020-01-01');
		const last = await dated('2020-12-31');
		const after = await dated('2021-01-01');
		const path = `/coalitions/${ids.callaoNorte}/changes`;
		const list = async (query: string) => {
			const res = await call('get', path, tokens['admin:read'], { query });
			expect(res.status, query).toBe(200);
			return ((await res.json()) as { data: { id: string }[] }).data.map((c) => c.id);
		};
		const inYear = await list('?from=2020-01-01&to=2020-12-31&sort=date');
		expect(inYear).toEqual([first, last]);
		expect(await list('?from=2020-01-01&to=2020-12-31')).toEqual([last, first]);
		const all = await list('?sort=date&limit=200');
		expect(all).toEqual(expect.arrayContaining([before, after]));
	});

	it('keeps a coordinator to their coalition: others are not found, and no other network', async () => {
		const token = tokens['coordinator:read'];
		const list = await call('get', '/coalitions', token);
		const body = (await list.json()) as { data: { id: string }[] };
		expect(body.data.map((c) => c.id)).toEqual([ids.callaoNorte]);
		expect((await call('get', `/coalitions/${ids.callaoNorte}/meetings`, token)).status).toBe(200);
		for (const path of [
			`/coalitions/${ids.huaro}`,
			`/coalitions/${ids.huaro}/members`,
			`/coalitions/${ids.huaro}/meetings`,
			`/coalitions/${ids.huaro}/activities`,
			`/coalitions/${ids.huaro}/stories`,
			`/coalitions/${ids.callaoNorte}/meetings/${newId()}`
		]) {
			const res = await call('get', path, token);
			expect(res.status, path).toBe(404);
			expect((await res.json()).error.code).toBe('not_found');
		}
		const write = await call(
			'post',
			`/coalitions/${ids.huaro}/changes`,
			tokens['coordinator:write'],
			{
				body: { kind: 'policy', title: 'Intento', happenedOn: '2025-01-01', status: 'adopted' }
			}
		);
		expect(write.status).toBe(404);
	});

	it('shows people’s names only to those who may see personal data', async () => {
		const path = `/coalitions/${ids.callaoNorte}/members`;
		const asCoordinator = await (await call('get', path, tokens['coordinator:read'])).json();
		expect(
			asCoordinator.data.some(
				(m: { person: { firstName: string } | null }) => m.person?.firstName === 'Rosa'
			)
		).toBe(true);
		const asViewer = await (await call('get', path, tokens['viewer:read'])).json();
		expect(asViewer.data.length).toBe(asCoordinator.data.length);
		expect(asViewer.data.every((m: { person: unknown }) => m.person === null)).toBe(true);
		expect(JSON.stringify(asViewer)).not.toContain('Rosa');
	});

	it('refuses writes with a read-only token (403) and any call with a bad token (401)', async () => {
		const before = await handle.db
			.selectFrom('community_change')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const body = {
			kind: 'policy',
			title: 'Solo lectura',
			happenedOn: '2025-01-01',
			status: 'adopted'
		};
		const path = `/coalitions/${ids.callaoNorte}/changes`;
		const readOnly = await call('post', path, tokens['coordinator:read'], { body });
		expect(readOnly.status).toBe(403);
		expect((await readOnly.json()).error.code).toBe('forbidden');
		const after = await handle.db
			.selectFrom('community_change')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));

		for (const token of [null, 'minka_not-a-real-token', tokens['admin:read'] + 'x']) {
			const res = await call('get', '/coalitions', token);
			expect(res.status).toBe(401);
			expect((await res.json()).error.code).toBe('unauthorized');
		}
	});

	it('stops answering a token the moment it is revoked or expired', async () => {
		const token = tokens['viewer:read'];
		expect((await call('get', '/networks', token)).status).toBe(200);
		const row = await handle.db
			.selectFrom('api_token')
			.select(['id', 'last_used_at'])
			.where('name', '=', 'viewer read')
			.executeTakeFirstOrThrow();
		expect(row.last_used_at).not.toBeNull();
		await revokeToken(handle.db, actors.viewer, row.id);
		expect((await call('get', '/networks', token)).status).toBe(401);
		// The audit log tells who made and revoked which token, never the secret or its hash.
		const audit = await handle.db
			.selectFrom('audit_event')
			.selectAll()
			.where('entity_id', '=', row.id)
			.orderBy('created_at')
			.execute();
		expect(audit.map((a) => [a.entity_type, a.action, a.actor_user_id])).toEqual([
			['api_token', 'create', actors.viewer.userId],
			['api_token', 'revoke', actors.viewer.userId]
		]);
		const stored = await handle.db
			.selectFrom('api_token')
			.select('token_hash')
			.where('id', '=', row.id)
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token.slice(6));
		expect(JSON.stringify(audit)).not.toContain(token.slice(6));
		expect(JSON.stringify(audit)).not.toContain(stored.token_hash);

		await handle.db
			.updateTable('api_token')
			.set({ expires_at: '2020-01-01T00:00:00.000Z' })
			.where('name', '=', 'viewer write')
			.execute();
		expect((await call('get', '/networks', tokens['viewer:write'])).status).toBe(401);
	});
});

async function contactMessage(handle: TestDb, networkId: string, coalitionId: string) {
	const id = newId();
	await handle.db
		.insertInto('contact_message')
		.values({
			id,
			network_id: networkId,
			coalition_id: coalitionId,
			name: 'Visitante',
			email: 'visitante@example.org',
			topic: 'general',
			message: 'Quisiera sumarme a la coalición.',
			locale: 'es',
			status: 'new',
			created_at: nowIso()
		})
		.execute();
	return id;
}
