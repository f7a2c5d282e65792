import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listActivitiesApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { logActivity } from '$lib/server/planning/activities';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listActivitiesApi(db, actor, params.id!, url.searchParams))
);

/**
 * The activity form's fields. A `clientDraftId` makes a retry safe: the same draft id answers the
 * activity already logged (200) instead of logging it twice.
 */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await logActivity(db, actor, params.id!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listActivitiesApi, db, actor, params.id!, id),
		undefined,
		result.status === 'ok' && result.duplicate ? 200 : 201
	);
});
