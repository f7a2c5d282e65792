import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listAssistanceApi, oneOf } from '$lib/server/api/resources';
import { createContact } from '$lib/server/assistance/service';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listAssistanceApi(db, actor, params.id!, url.searchParams))
);

/** A TA contact (hub staff: administrators and supporting partners). The TA form's fields. */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await createContact(db, actor, params.id!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listAssistanceApi, db, actor, params.id!, id),
		undefined,
		201
	);
});
