import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, messagesExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';
import { messageStatusLabel, topicLabel } from '../labels';

/** The messages the reader's inbox lists, with its filters; the message text stays in the app. */
export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() =>
		messagesExport(db, locals.actor, networkId, url.searchParams)
	);
	return exportResponse(
		params.format,
		{
			name: 'messages',
			columns: [
				{ header: m.export_col_when, value: (r) => r.created_at },
				{ header: m.inbox_from, value: (r) => r.name },
				{ header: m.inbox_email, value: (r) => r.email },
				{ header: m.inbox_topic, value: (r) => topicLabel(r.topic) },
				{ header: m.inbox_coalition, value: (r) => r.coalition_name },
				{ header: m.inbox_status, value: (r) => messageStatusLabel(r.status) },
				{ header: m.inbox_assignee, value: (r) => r.assignee_name }
			],
			rows
		},
		{ title: m.app_nav_messages(), day: exportDay() }
	);
};
