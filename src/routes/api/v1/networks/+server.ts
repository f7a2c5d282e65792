import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listNetworks } from '$lib/server/api/resources';
import { apiRoute } from '$lib/server/http/api';

/** The networks you have a role in; pass a slug as `?network=` to the other lists. */
export const GET = apiRoute(async (actor, { url }) =>
	json(await listNetworks(db, actor, url.searchParams))
);
