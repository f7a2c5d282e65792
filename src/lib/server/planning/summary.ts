/** Planning and action at a glance, for the coalition's summary page. Counts only. */
import type { Actor } from '$lib/domain/access';
import { requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';

export async function planningSummary(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	today: string
) {
	await requireCoalition(db, actor, coalitionId, 'view');
	const models = await db
		.selectFrom('logic_model')
		.select(['id', 'version', 'status', 'approved_on'])
		.where('coalition_id', '=', coalitionId)
		.orderBy('version', 'desc')
		.execute();
	const tasks = await db
		.selectFrom('action_task')
		.select(['status', 'due_on'])
		.where('coalition_id', '=', coalitionId)
		.execute();
	const open = tasks.filter((t) => t.status === 'todo' || t.status === 'doing');
	// The calendar year so far: what reports and the annual meeting ask about.
	const yearStart = `${today.slice(0, 4)}-01-01`;
	const activities = await db
		.selectFrom('activity')
		.select(['reached_total', 'volunteers', 'volunteer_hours'])
		.where('coalition_id', '=', coalitionId)
		.where('happened_on', '>=', yearStart)
		.where('happened_on', '<=', today)
		.execute();
	const changes = await db
		.selectFrom('community_change')
		.select(['kind', 'status'])
		.where('coalition_id', '=', coalitionId)
		.execute();
	const approved = models.find((m) => m.status === 'approved') ?? null;
	return {
		approvedModel: approved
			? { id: approved.id, version: approved.version, approvedOn: approved.approved_on }
			: null,
		draftModelId: models.find((m) => m.status === 'draft')?.id ?? null,
		openTasks: open.length,
		overdueTasks: open.filter((t) => t.due_on !== null && t.due_on < today).length,
		activitiesThisYear: activities.length,
		reachedThisYear: activities.reduce((sum, a) => sum + (a.reached_total ?? 0), 0),
		volunteerHoursThisYear: activities.reduce((sum, a) => sum + (a.volunteer_hours ?? 0), 0),
		changes: changes.length,
		policiesInForce: changes.filter(
			(c) => c.kind === 'policy' && (c.status === 'adopted' || c.status === 'enforced')
		).length
	};
}
