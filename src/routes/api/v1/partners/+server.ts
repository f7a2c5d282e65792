import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { apiCall, apiError, jsonBody, requireApiActor } from '$lib/server/http/api';
import { createPartner, listPartnersFor } from '$lib/server/partners/workspace';
import { workspaceNetwork } from '$lib/server/workspace/service';

/** The workspace list's filters: `?q=`, `?kind=`, `?role=`, `?sort=name|-name|kind`, `?page=`. */
export const GET: RequestHandler = ({ locals, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const p = url.searchParams;
		const network = await workspaceNetwork(
			db,
			actor,
			locale(),
			p.get('network') ?? cookies.get('minka_network')
		);
		if (!network) return apiError(404, 'not_found');
		const list = await listPartnersFor(db, actor, network.id, {
			q: p.get('q') ?? '',
			kind: p.get('kind') ?? '',
			role: p.get('role') ?? '',
			sort: p.get('sort') ?? 'name',
			page: Number(p.get('page') ?? 1)
		});
		return json({ data: list.rows, page: list.page, pages: list.pages, total: list.total });
	});

/** The organization's fields and its first role (role, phaseId, coalitionId, noteEs, noteEn). */
export const POST: RequestHandler = ({ locals, request, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await jsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const network = await workspaceNetwork(
			db,
			actor,
			locale(),
			url.searchParams.get('network') ?? cookies.get('minka_network')
		);
		if (!network) return apiError(404, 'not_found');
		const result = await createPartner(db, actor, network.id, body);
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		return json({ data: { id: result.id } }, { status: 201 });
	});
