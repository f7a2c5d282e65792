import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listStoriesApi, oneOf } from '$lib/server/api/resources';
import { NotFoundError } from '$lib/server/errors';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';
import { storyForEdit, updateStory } from '$lib/server/planning/stories';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await oneOf(listStoriesApi, db, actor, params.id!, params.storyId!) })
);

export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(request, async () => {
		const story = await storyForEdit(db, actor, params.storyId!);
		// The path names the coalition: a story of another one is not found here.
		if (story.coalitionId !== params.id) throw new NotFoundError('story');
		return story.values;
	});
	if (body instanceof Response) return body;
	const result = await updateStory(db, actor, params.storyId!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listStoriesApi, db, actor, params.id!, id),
		params.storyId
	);
});
