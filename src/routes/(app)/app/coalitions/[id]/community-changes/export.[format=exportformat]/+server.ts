import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { sectorLabel } from '$lib/labels';
import { changeKindLabel, changeStatusLabel, itemText } from '$lib/planning-record-labels';
import { db } from '$lib/server';
import { communityChangesExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => communityChangesExport(db, locals.actor, params.id));
	const locale = getLocale();
	return exportResponse(
		params.format,
		{
			name: 'community-changes',
			columns: [
				{ header: m.community_change_happened_on, value: (r) => r.happenedOn, kind: 'date' },
				{ header: m.community_change_kind, value: (r) => changeKindLabel(r.kind) },
				{ header: m.community_change_title, value: (r) => r.title },
				{ header: m.community_change_description, value: (r) => r.description },
				{
					header: m.community_change_sector,
					value: (r) => (r.sector ? sectorLabel(r.sector) : '')
				},
				{
					header: m.community_change_condition,
					value: (r) => (r.localCondition ? itemText(r.localCondition, locale) : '')
				},
				{ header: m.community_change_evidence, value: (r) => r.evidence },
				{ header: m.community_change_status, value: (r) => changeStatusLabel(r.status) }
			],
			rows
		},
		{ title: m.coalition_tab_community_changes(), day: exportDay() }
	);
};
