import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { exportPerson } from '$lib/server/members/service';

/** A person's data as a JSON file, for whoever may see it (a data subject's access request). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const data = await orNotFound(() => exportPerson(db, locals.actor, params.personId));
	return new Response(JSON.stringify(data, null, 2) + '\n', {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="persona-${data.person.id}.json"`,
			// personal data: never kept by a browser or proxy cache
			'Cache-Control': 'no-store'
		}
	});
};
