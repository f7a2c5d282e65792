import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listTrainingsApi, trainingOne } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { createTraining } from '$lib/server/trainings/service';
import { apiNetworkId } from '$lib/server/workspace/request';

export const GET = apiRoute(async (actor, { url, cookies }) =>
	json(await listTrainingsApi(db, actor, await apiNetworkId(actor, url, cookies), url.searchParams))
);

/** The training form's fields; `topics` is the topic codes joined by commas. */
export const POST = apiRoute(async (actor, { request, url, cookies }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const networkId = await apiNetworkId(actor, url, cookies);
	const result = await createTraining(db, actor, networkId, body);
	return writeAnswer(result, (id) => trainingOne(db, actor, id), undefined, 201);
});
