import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import type { Actor } from '$lib/domain/access';
import { db } from '$lib/server';
import { apiCall, apiError, jsonBody, requireApiActor } from '$lib/server/http/api';
import { messageForView, updateMessage } from '$lib/server/messages/service';

async function one(actor: Actor, id: string) {
	const r = await messageForView(db, actor, id);
	return {
		...r.message,
		coalition: r.coalition,
		assignee: r.assignee,
		notes: r.notes,
		assignable: r.staff
	};
}

export const GET: RequestHandler = ({ locals, params }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		return json({ data: await one(actor, params.id) });
	});

/** `{ status?, assignedTo? }`; fields left out stay as they are, `assignedTo: null` unassigns. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await jsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const result = await updateMessage(db, actor, params.id, body);
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		return json({ data: await one(actor, params.id) });
	});
