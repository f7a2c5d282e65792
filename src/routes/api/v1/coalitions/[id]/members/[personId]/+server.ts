import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { memberOne } from '$lib/server/api/resources';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';
import { memberForEdit, updateMember } from '$lib/server/members/service';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await memberOne(db, actor, params.id!, params.personId!) })
);

/** The member form's fields; personal data, so only for those who may edit the coalition. */
export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(
		request,
		async () => (await memberForEdit(db, actor, params.id!, params.personId!)).values
	);
	if (body instanceof Response) return body;
	const result = await updateMember(db, actor, params.id!, params.personId!, body);
	return writeAnswer(
		result.status === 'ok' ? { status: 'ok', id: result.personId } : result,
		(personId) => memberOne(db, actor, params.id!, personId),
		params.personId
	);
});
