import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { apiCall, apiError, requireApiActor } from '$lib/server/http/api';
import {
	deletePhase,
	phaseForEdit,
	phaseJsonBody,
	updatePhase
} from '$lib/server/phases/workspace';

/** The form's values, with the target places as an array. */
function phaseData(id: string, values: Record<string, string>) {
	return { id, ...values, targetPlaceIds: values.targetPlaceIds.split(',').filter(Boolean) };
}

export const GET: RequestHandler = ({ locals, params }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const record = await phaseForEdit(db, actor, params.id);
		return json({
			data: {
				...phaseData(record.phase.id, record.values),
				canEdit: record.canEdit,
				canDelete: record.canDelete
			}
		});
	});

/** Fields left out of the body keep their current values; the same schema as the form applies. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const body = await phaseJsonBody(request);
		if (!body) return apiError(400, 'bad_request');
		const current = await phaseForEdit(db, actor, params.id);
		const result = await updatePhase(db, actor, params.id, { ...current.values, ...body });
		if (result.status === 'invalid') return apiError(400, 'invalid', result.errors);
		if (result.status === 'stale') return apiError(409, 'stale');
		const updated = await phaseForEdit(db, actor, params.id);
		return json({ data: phaseData(params.id, updated.values) });
	});

/** Only a phase no coalition or partner refers to; otherwise 409 with the counts. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	apiCall(async () => {
		const actor = requireApiActor(locals.actor);
		if (actor instanceof Response) return actor;
		const result = await deletePhase(db, actor, params.id);
		if (result.status === 'in_use') {
			return apiError(
				409,
				'in_use',
				{},
				`Still referred to by ${result.coalitions} coalition(s) and ${result.partners} partner role(s).`
			);
		}
		return new Response(null, { status: 204 });
	});
