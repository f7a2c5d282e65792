import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listChangesApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { recordChange } from '$lib/server/planning/changes';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listChangesApi(db, actor, params.id!, url.searchParams))
);

export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await recordChange(db, actor, params.id!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listChangesApi, db, actor, params.id!, id),
		undefined,
		201
	);
});
