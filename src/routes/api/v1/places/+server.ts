import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { listPlacesApi } from '$lib/server/api/resources';
import { db } from '$lib/server';
import { apiCall, apiError, apiRoute, jsonBody, requireApiActor } from '$lib/server/http/api';
import { createPlace } from '$lib/server/places/workspace';
import { apiNetworkId } from '$lib/server/workspace/request';

/** Keyset pages: `?limit=` (1–200, default 50) and `?cursor=` (the `next_cursor` of the page before). */
export const GET = apiRoute(async (actor, { url, cookies }) =>
	json(await listPlacesApi(db, actor, await apiNetworkId(actor, url, cookies), url.searchParams))
);

export const POST: RequestHandler = ({ locals, request, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await jsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const networkId = await apiNetworkId(actor, url, cookies);
		const result = await createPlace(db, actor, networkId, body);
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		return json({ data: { id: result.id } }, { status: 201 });
	});
