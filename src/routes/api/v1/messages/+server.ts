import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { apiCall, requireApiActor } from '$lib/server/http/api';
import { listMessagesFor } from '$lib/server/messages/service';
import { apiNetworkId } from '$lib/server/workspace/request';

/** `?status=` ('' open, new, answered, archived, all), `?mine=1`, `?sort=newest|oldest`, `?page=`. */
export const GET: RequestHandler = ({ locals, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const p = url.searchParams;
		const networkId = await apiNetworkId(actor, url, cookies);
		const list = await listMessagesFor(db, actor, networkId, {
			status: p.get('status') ?? '',
			mine: ['1', 'true', 'on'].includes(p.get('mine') ?? ''),
			sort: p.get('sort') ?? 'newest',
			page: Number(p.get('page') ?? 1)
		});
		return json({ data: list.rows, page: list.page, pages: list.pages, total: list.total });
	});
