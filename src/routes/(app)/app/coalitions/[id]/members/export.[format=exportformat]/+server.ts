import type { RequestHandler } from './$types';
import { sectorLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { yesNo } from '$lib/server/export/cells';
import { exportDay, membersExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { memberRoleLabel, personName } from '../labels';

/** Names only for those who may see the coalition's personal data; counts for everyone else. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const list = await orNotFound(() => membersExport(db, locals.actor, params.id, url.searchParams));
	const options = { title: m.member_sector_caption(), day: exportDay() };
	if (!list.people) {
		return exportResponse(
			params.format,
			{
				name: 'members-by-sector',
				columns: [
					{ header: m.member_sector, value: (r) => sectorLabel(r.sector) },
					{ header: m.member_active, value: (r) => r.active, kind: 'number' }
				],
				rows: list.coverage
			},
			options
		);
	}
	return exportResponse(
		params.format,
		{
			name: 'members',
			columns: [
				{ header: m.member_name, value: (r) => personName(r) },
				{ header: m.member_sector, value: (r) => sectorLabel(r.sector) },
				{ header: m.member_role, value: (r) => memberRoleLabel(r.role) },
				{ header: m.member_organization, value: (r) => r.organizationName },
				{ header: m.member_started, value: (r) => r.startedOn, kind: 'date' },
				{ header: m.member_ended, value: (r) => r.endedOn, kind: 'date' },
				{ header: m.member_active, value: (r) => yesNo(r.active) },
				{ header: m.export_col_minor, value: (r) => yesNo(r.minor) },
				{ header: m.export_col_awaiting_consent, value: (r) => yesNo(r.awaitingConsent) }
			],
			rows: list.people
		},
		{ ...options, title: m.coalition_tab_members() }
	);
};
