import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listChangesApi, oneOf } from '$lib/server/api/resources';
import { NotFoundError } from '$lib/server/errors';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';
import { listChanges, updateChange } from '$lib/server/planning/changes';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await oneOf(listChangesApi, db, actor, params.id!, params.changeId!) })
);

export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(request, async () => {
		const change = (await listChanges(db, actor, params.id!)).changes.find(
			(c) => c.id === params.changeId
		);
		if (!change) throw new NotFoundError('change');
		return change.values;
	});
	if (body instanceof Response) return body;
	const result = await updateChange(db, actor, params.changeId!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listChangesApi, db, actor, params.id!, id),
		params.changeId
	);
});
