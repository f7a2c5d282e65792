import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listValuesApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { recordValue } from '$lib/server/surveys/service';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listValuesApi(db, actor, params.id!, url.searchParams))
);

/** A value typed in by hand: the value form's fields; the coalition is the one in the path. */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await recordValue(db, actor, { ...body, coalitionId: params.id! });
	return writeAnswer(
		result,
		(id) => oneOf(listValuesApi, db, actor, params.id!, id),
		undefined,
		201
	);
});
