/**
 * The JSON API's answers. Every error has one shape, `{ error: { code, message, fields } }`, where
 * `fields` maps an input field to a validation code (the same codes the forms translate).
 */
import { json } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/access';
import type { FieldErrors } from '$lib/domain/forms';
import { NotFoundError } from '../errors';

const MESSAGES: Record<string, string> = {
	unauthorized: 'Sign in first (or send a valid API token).',
	not_found: 'No such record, or it is outside your scope.',
	invalid: 'Some fields are not valid; see `fields`.',
	stale: 'The record changed since you read it; read it again and retry.',
	bad_request: 'The body must be a JSON object.',
	conflict: 'The request conflicts with the current state of the record.'
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

/** Runs an API handler body; NotFoundError becomes the one 404 answer. */
export async function apiCall(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) return apiError(404, 'not_found');
		throw e;
	}
}
