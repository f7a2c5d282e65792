import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { sectorList } from '$lib/labels';
import { activityKindLabel, itemText, strategyLabel } from '$lib/planning-record-labels';
import { db } from '$lib/server';
import { activitiesExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => activitiesExport(db, locals.actor, params.id));
	const locale = getLocale();
	return exportResponse(
		params.format,
		{
			name: 'activities',
			columns: [
				{ header: m.activity_happened_on, value: (r) => r.happenedOn, kind: 'date' },
				{ header: m.activity_kind, value: (r) => activityKindLabel(r.kind) },
				{ header: m.activity_description, value: (r) => r.description },
				{ header: m.activity_task, value: (r) => r.plan?.task.title ?? '' },
				{
					header: m.activity_strategy,
					value: (r) => {
						const code = r.plan?.strategy?.code ?? r.strategyCode;
						return code ? strategyLabel(code) : '';
					}
				},
				{
					header: m.community_change_condition,
					value: (r) => (r.plan?.localCondition ? itemText(r.plan.localCondition, locale) : '')
				},
				{ header: m.activity_youth_f, value: (r) => r.reached.youthF, kind: 'number' },
				{ header: m.activity_youth_m, value: (r) => r.reached.youthM, kind: 'number' },
				{ header: m.activity_adult_f, value: (r) => r.reached.adultF, kind: 'number' },
				{ header: m.activity_adult_m, value: (r) => r.reached.adultM, kind: 'number' },
				{ header: m.activity_total, value: (r) => r.reached.total, kind: 'number' },
				{ header: m.activity_sectors_legend, value: (r) => sectorList(r.sectors) },
				{ header: m.activity_volunteers, value: (r) => r.volunteers, kind: 'number' },
				{ header: m.activity_volunteer_hours, value: (r) => r.volunteerHours, kind: 'number' },
				{ header: m.activity_media, value: (r) => r.mediaCoverage },
				{ header: m.activity_resources, value: (r) => r.resources },
				{ header: m.activity_in_kind, value: (r) => r.inKindValue, kind: 'number' }
			],
			rows
		},
		{ title: m.coalition_tab_activities(), day: exportDay() }
	);
};
