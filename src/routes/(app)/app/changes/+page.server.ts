import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isNetworkAdmin } from '$lib/domain/access';
import { db } from '$lib/server';
import { recentChanges } from '$lib/server/audit/service';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	if (!isNetworkAdmin(locals.actor, workspace.id)) error(404, 'not_found');
	const total = Number(
		(
			await db
				.selectFrom('audit_event')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('network_id', '=', workspace.id)
				.executeTakeFirstOrThrow()
		).n
	);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(Number(url.searchParams.get('page'))) || 1));
	return {
		entries: await recentChanges(db, workspace.id, PAGE_SIZE, (page - 1) * PAGE_SIZE),
		page,
		pages,
		total
	};
};
