import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/access';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { getModel } from '$lib/server/planning/logic-model';

/** The version, if the actor may see it and it belongs to the coalition in the address. */
export async function modelHere(actor: Actor | null, params: { id: string; modelId: string }) {
	const found = await orNotFound(() => getModel(db, actor, params.modelId));
	if (found.coalition.id !== params.id) error(404, 'not_found');
	return found;
}
