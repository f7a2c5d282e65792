import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { certificate } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, params }) => {
	const data = await orNotFound(() => certificate(db, locals.actor, params.attendanceId));
	// The address names the event too; a certificate of another event is not at this address.
	if (data.eventId !== params.id) error(404, 'not_found');
	return { certificate: data };
};
