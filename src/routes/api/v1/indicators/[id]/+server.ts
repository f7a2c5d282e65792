import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { indicatorOne } from '$lib/server/api/resources';
import { apiRoute } from '$lib/server/http/api';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await indicatorOne(db, actor, params.id!) })
);
