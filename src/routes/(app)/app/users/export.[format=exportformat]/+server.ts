import type { RequestHandler } from './$types';
import { roleLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { yesNo } from '$lib/server/export/cells';
import { exportDay, usersExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

/** One row per role a person holds in the network (administrators only, like the page). */
export const GET: RequestHandler = async ({ locals, params, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() => usersExport(db, locals.actor, networkId));
	return exportResponse(
		params.format,
		{
			name: 'users',
			columns: [
				{ header: m.export_col_name, value: (r) => r.name },
				{ header: m.users_email, value: (r) => r.email },
				{ header: m.users_role, value: (r) => roleLabel(r.grant.role) },
				{ header: m.users_organization, value: (r) => r.grant.organization },
				{ header: m.users_coalition, value: (r) => r.grant.coalition },
				{ header: m.users_deactivated, value: (r) => yesNo(r.deactivated) }
			],
			rows
		},
		{ title: m.app_nav_users(), day: exportDay() }
	);
};
