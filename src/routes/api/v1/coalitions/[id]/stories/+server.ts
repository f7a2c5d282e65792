import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listStoriesApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { createStory } from '$lib/server/planning/stories';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listStoriesApi(db, actor, params.id!, url.searchParams))
);

/** A draft story; it reaches the public site only through the review in the workspace. */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await createStory(db, actor, params.id!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listStoriesApi, db, actor, params.id!, id),
		undefined,
		201
	);
});
