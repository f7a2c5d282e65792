import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { apiCall, apiError, jsonBody, requireApiActor } from '$lib/server/http/api';
import { partnerForEdit, updatePartner } from '$lib/server/partners/workspace';
import { workspaceNetwork } from '$lib/server/workspace/service';

/** The organization with its roles in the network; history stays on the workspace page. */
export const GET: RequestHandler = ({ locals, params, url, cookies }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const network = await workspaceNetwork(
			db,
			actor,
			locale(),
			url.searchParams.get('network') ?? cookies.get('minka_network')
		);
		if (!network) return apiError(404, 'not_found');
		const record = await partnerForEdit(db, actor, network.id, params.id);
		return json({
			data: { id: params.id, ...record.values, roles: record.roles, canEdit: record.canEdit }
		});
	});

/** Fields left out of the body keep their current values; the same schema as the form applies. */
export const PATCH: RequestHandler = ({ locals, params, request, url, cookies }) =>
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
		const current = await partnerForEdit(db, actor, network.id, params.id);
		const result = await updatePartner(db, actor, network.id, params.id, {
			...current.values,
			...body
		});
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		if (result.status === 'stale') return apiError(409, 'stale');
		const updated = await partnerForEdit(db, actor, network.id, params.id);
		return json({ data: { id: params.id, ...updated.values, roles: updated.roles } });
	});
