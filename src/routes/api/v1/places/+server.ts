import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { apiCall, apiError, jsonBody, requireApiActor } from '$lib/server/http/api';
import { createPlace, listPlacesFor } from '$lib/server/places/workspace';
import { apiNetworkId } from '$lib/server/workspace/request';

/** `?q=`, `?kind=`, `?within=` (a place id), `?status=archived`, `?sort=name|-name|kind`, `?page=`. */
export const GET: RequestHandler = ({ locals, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const p = url.searchParams;
		const networkId = await apiNetworkId(actor, url, cookies);
		const list = await listPlacesFor(db, actor, networkId, {
			q: p.get('q') ?? '',
			kind: p.get('kind') ?? '',
			within: p.get('within') ?? '',
			status: p.get('status') ?? '',
			sort: p.get('sort') ?? 'name',
			page: Number(p.get('page') ?? 1)
		});
		return json({ data: list.rows, page: list.page, pages: list.pages, total: list.total });
	});

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
