import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { indicatorOne, listIndicatorsApi } from '$lib/server/api/resources';
import { apiRoute, postBody, writeAnswer } from '$lib/server/http/api';
import { createIndicator } from '$lib/server/surveys/service';
import { apiNetworkId } from '$lib/server/workspace/request';

export const GET = apiRoute(async (actor, { url, cookies }) =>
	json(
		await listIndicatorsApi(db, actor, await apiNetworkId(actor, url, cookies), url.searchParams)
	)
);

/** A network's own indicator (administrators); the core measures are fixed. */
export const POST = apiRoute(async (actor, { request, url, cookies }) => {
	const body = await postBody(request);
	if (body instanceof Response) return body;
	const networkId = await apiNetworkId(actor, url, cookies);
	const result = await createIndicator(db, actor, networkId, body);
	return writeAnswer(result, (id) => indicatorOne(db, actor, id), undefined, 201);
});
