import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { apiCall, apiError, requireApiActor } from '$lib/server/http/api';
import { listMessagesFor } from '$lib/server/messages/service';
import { workspaceNetwork } from '$lib/server/workspace/service';

/** `?status=` ('' open, new, answered, archived, all), `?mine=1`, `?sort=newest|oldest`, `?page=`. */
export const GET: RequestHandler = ({ locals, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const p = url.searchParams;
		const slug = p.get('network') ?? cookies.get('minka_network');
		const network = await workspaceNetwork(db, actor, locale(), slug);
		if (!network) return apiError(404, 'not_found');
		const list = await listMessagesFor(db, actor, network.id, {
			status: p.get('status') ?? '',
			mine: ['1', 'true', 'on'].includes(p.get('mine') ?? ''),
			sort: p.get('sort') ?? 'newest',
			page: Number(p.get('page') ?? 1)
		});
		return json({ data: list.rows, page: list.page, pages: list.pages, total: list.total });
	});
