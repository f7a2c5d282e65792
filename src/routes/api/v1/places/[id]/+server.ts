import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { apiCall, apiError, jsonBody, requireApiActor } from '$lib/server/http/api';
import { placeForEdit, updatePlace } from '$lib/server/places/workspace';

export const GET: RequestHandler = ({ locals, params }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const record = await placeForEdit(db, actor, params.id);
		return json({
			data: {
				id: record.place.id,
				...record.values,
				archived: record.place.archived,
				path: record.place.path,
				canEdit: record.canEdit
			}
		});
	});

/** Fields left out of the body keep their current values; the same schema as the form applies. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await jsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const current = await placeForEdit(db, actor, params.id);
		const result = await updatePlace(db, actor, params.id, { ...current.values, ...body });
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		if (result.status === 'stale') return apiError(409, 'stale');
		const updated = await placeForEdit(db, actor, params.id);
		return json({ data: { id: params.id, ...updated.values } });
	});
