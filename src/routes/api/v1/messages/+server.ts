import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { apiRoute } from '$lib/server/http/api';
import { pageOf, pageRequest } from '$lib/server/http/cursor';
import { listMessagesFor } from '$lib/server/messages/service';
import { apiNetworkId } from '$lib/server/workspace/request';

/** `?status=` ('' open, new, answered, archived, all), `?mine=1`, `?sort=newest|oldest`. */
export const GET = apiRoute(async (actor, { url, cookies }) => {
	const p = url.searchParams;
	const page = pageRequest(p);
	const networkId = await apiNetworkId(actor, url, cookies);
	// One row more than the page tells whether another page follows.
	const list = await listMessagesFor(db, actor, networkId, {
		status: p.get('status') ?? '',
		mine: ['1', 'true', 'on'].includes(p.get('mine') ?? ''),
		sort: p.get('sort') ?? 'newest',
		after: page.after,
		limit: page.limit + 1
	});
	return json(pageOf(list.rows, page, (r) => [r.createdAt, r.id]));
});
