import type { RequestHandler } from './$types';
import { auditActionLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { changesExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

/**
 * The change log: who did what to which record, and when. The values before and after stay in
 * the app, where each record's history shows them to those who may see the record.
 */
export const GET: RequestHandler = async ({ locals, params, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() => changesExport(db, locals.actor, networkId));
	return exportResponse(
		params.format,
		{
			name: 'changes',
			columns: [
				{ header: m.export_col_when, value: (r) => r.created_at },
				{ header: m.export_col_who, value: (r) => r.actor_label },
				{ header: m.export_col_action, value: (r) => auditActionLabel(r.action) },
				{ header: m.export_col_record_type, value: (r) => r.entity_type },
				{ header: m.export_col_record, value: (r) => r.entity_label }
			],
			rows
		},
		{ title: m.app_nav_changes(), day: exportDay() }
	);
};
