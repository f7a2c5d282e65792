import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listActivitiesApi, oneOf } from '$lib/server/api/resources';
import { apiRoute } from '$lib/server/http/api';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await oneOf(listActivitiesApi, db, actor, params.id!, params.activityId!) })
);
