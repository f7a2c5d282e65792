import type { RequestHandler } from './$types';
import { organizationKindLabel, partnerRoleLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, partnersExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() =>
		partnersExport(db, locals.actor, networkId, url.searchParams)
	);
	return exportResponse(
		params.format,
		{
			name: 'partners',
			columns: [
				{ header: m.partner_name, value: (r) => r.name },
				{ header: m.export_col_short_name, value: (r) => r.short_name },
				{ header: m.partner_kind, value: (r) => organizationKindLabel(r.kind) },
				{ header: m.partner_roles_title, value: (r) => r.roles.map(partnerRoleLabel).join('; ') },
				{ header: m.partner_phases, value: (r) => r.phases.join('; ') },
				{ header: m.partner_website, value: (r) => r.website }
			],
			rows
		},
		{ title: m.app_nav_partners(), day: exportDay() }
	);
};
