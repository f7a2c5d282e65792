/**
 * The JSON API's answers. Every error has one shape, `{ error: { code, message, fields } }`, where
 * `fields` maps an input field to a validation code (the same codes the forms translate).
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/access';
import type { FieldErrors } from '$lib/domain/forms';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { authenticateToken } from '../tokens/service';
import { PageParamError } from './cursor';

const MESSAGES: Record<string, string> = {
	unauthorized: 'Sign in first, or send a valid API token (it may be revoked or expired).',
	forbidden: 'This token may only read; make a read and write token to change data.',
	not_found: 'No such record, or it is outside your scope.',
	invalid: 'Some fields are not valid; see `fields`.',
	stale: 'The record changed since you read it; read it again and retry.',
	bad_request: 'The body must be a JSON object.',
	conflict: 'The request conflicts with the current state of the record.',
	bad_page: '`limit` must be 1 to 200 and `cursor` must be a `next_cursor` this API gave.'
};

export function apiError(
	status: number,
	code: string,
	fields: FieldErrors = {},
	message = MESSAGES[code] ?? code
): Response {
	return json({ error: { code, message, fields } }, { status });
}

export function requireApiActor(actor: Actor | null): Actor | Response {
	return actor ?? apiError(401, 'unauthorized');
}

/** A JSON body as a flat record of strings, the way the forms post it. */
export async function jsonBody(request: Request): Promise<Record<string, string> | null> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return null;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
		if (v === null || v === undefined) out[k] = '';
		else if (typeof v === 'boolean') out[k] = v ? 'on' : '';
		else if (typeof v === 'number' || typeof v === 'string') out[k] = String(v);
	}
	return out;
}

/** Runs an API handler body; NotFoundError becomes the one 404 answer, a bad page a 400. */
export async function apiCall(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) return apiError(404, 'not_found');
		if (e instanceof PageParamError) return apiError(400, 'bad_page', { [e.field]: e.code });
		throw e;
	}
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The actor behind `Authorization: Bearer <token>`, for /api/v1 requests. Returns null when the
 * request carries no bearer token (the session cookie decides then), or the answer to send
 * instead: 401 for a token that is unknown, revoked or expired, 403 for a write with a read token.
 */
export async function bearerActor(db: Db, request: Request): Promise<Actor | Response | null> {
	const header = request.headers.get('authorization');
	if (!header) return null;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	if (!match) return apiError(401, 'unauthorized');
	const result = await authenticateToken(db, match[1]);
	if (result.status !== 'ok') return apiError(401, 'unauthorized');
	if (result.scope === 'read' && !READ_METHODS.has(request.method)) {
		return apiError(403, 'forbidden');
	}
	return result.actor;
}

/**
 * A JSON API handler: signed in (session or token) or 401, then `work`, with "not found" and a
 * bad page answered in the one error shape.
 */
export function apiRoute(
	work: (actor: Actor, event: RequestEvent) => Promise<Response>
): (event: RequestEvent) => Promise<Response> {
	return (event) =>
		apiCall(async () => {
			const actor = requireApiActor(event.locals.actor);
			if (actor instanceof Response) return actor;
			return work(actor, event);
		});
}

/** What a write service answers, as the API answers it; `read` fetches the saved record. */
export async function writeAnswer(
	result:
		| { status: 'ok'; id?: string }
		| { status: 'invalid'; errors: FieldErrors }
		| { status: 'stale' },
	read: (id: string) => Promise<unknown>,
	id: string | undefined,
	status = 200
): Promise<Response> {
	if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
	if (result.status === 'stale') return apiError(409, 'stale');
	const saved = result.id ?? id;
	if (!saved) throw new Error('a write answered ok without an id');
	return json({ data: await read(saved) }, { status });
}

/** A PATCH body over the record's current form values: fields left out keep their values. */
export async function patchBody(
	request: Request,
	current: () => Promise<Record<string, string>>
): Promise<Record<string, string> | Response> {
	const body = await jsonBody(request);
	if (!body) return apiError(400, 'bad_request');
	return { ...(await current()), ...body };
}

/** A POST body, or the 400 to answer. */
export async function postBody(request: Request): Promise<Record<string, string> | Response> {
	return (await jsonBody(request)) ?? apiError(400, 'bad_request');
}
