import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listMeetingsApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { createMeeting } from '$lib/server/meetings/service';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listMeetingsApi(db, actor, params.id!, url.searchParams))
);

/** The meeting form's fields; `attendees` is membership ids joined by commas. */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await createMeeting(db, actor, params.id!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listMeetingsApi, db, actor, params.id!, id),
		undefined,
		201
	);
});
