import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listMembersApi, memberOne } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { addMember } from '$lib/server/members/service';

export const GET = apiRoute(async (actor, { params, url }) =>
	json(await listMembersApi(db, actor, params.id!, url.searchParams))
);

/** A new person and their membership: the member form's fields (consent fields for minors). */
export const POST = apiRoute(async (actor, { params, request }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const result = await addMember(db, actor, params.id!, body);
	return writeAnswer(
		result.status === 'ok' ? { status: 'ok', id: result.personId } : result,
		(personId) => memberOne(db, actor, params.id!, personId),
		undefined,
		201
	);
});
