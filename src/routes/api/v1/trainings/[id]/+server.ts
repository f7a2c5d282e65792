import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { trainingOne } from '$lib/server/api/resources';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';
import { trainingForEdit, updateTraining } from '$lib/server/trainings/service';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await trainingOne(db, actor, params.id!) })
);

export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(
		request,
		async () => (await trainingForEdit(db, actor, params.id!)).values
	);
	if (body instanceof Response) return body;
	const result = await updateTraining(db, actor, params.id!, body);
	return writeAnswer(result, (id) => trainingOne(db, actor, id), params.id);
});
