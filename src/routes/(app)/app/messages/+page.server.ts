import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { listMessagesFor } from '$lib/server/messages/service';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	const p = url.searchParams;
	const query = {
		status: p.get('status') ?? '',
		mine: p.get('mine') === 'on',
		sort: p.get('sort') ?? 'newest',
		page: Number(p.get('page') ?? 1)
	};
	return { list: await orNotFound(() => listMessagesFor(db, locals.actor, workspace.id, query)) };
};
