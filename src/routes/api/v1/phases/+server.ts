import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { apiCall, apiError, requireApiActor } from '$lib/server/http/api';
import { createPhase, listPhasesFor, phaseJsonBody } from '$lib/server/phases/workspace';
import { apiNetworkId } from '$lib/server/workspace/request';

/** `?q=`, `?year=` (phases running that year), `?sort=number|-number|name|-name`, `?page=`. */
export const GET: RequestHandler = ({ locals, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const p = url.searchParams;
		const networkId = await apiNetworkId(actor, url, cookies);
		const list = await listPhasesFor(db, actor, networkId, {
			q: p.get('q') ?? '',
			year: p.get('year') ?? '',
			sort: p.get('sort') ?? 'number',
			page: Number(p.get('page') ?? 1)
		});
		return json({ data: list.rows, page: list.page, pages: list.pages, total: list.total });
	});

/** The form's fields; `targetPlaceIds` may be an array of place ids. */
export const POST: RequestHandler = ({ locals, request, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await phaseJsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const networkId = await apiNetworkId(actor, url, cookies);
		const result = await createPhase(db, actor, networkId, body);
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		return json({ data: { id: result.id } }, { status: 201 });
	});
