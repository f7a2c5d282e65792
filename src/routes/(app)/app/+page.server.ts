import type { PageServerLoad } from './$types';
import { db } from '$lib/server';
import { todayInLima } from '$lib/domain/dates';
import { orNotFound } from '$lib/server/http/errors';
import { overdueTasks } from '$lib/server/planning/tasks';
import { overview } from '$lib/server/workspace/service';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workspace } = await parent();
	const [o, tasks] = await orNotFound(() =>
		Promise.all([
			overview(db, locals.actor, workspace.id),
			overdueTasks(db, locals.actor, workspace.id, todayInLima())
		])
	);
	return { overview: o, overdueTasks: tasks };
};
