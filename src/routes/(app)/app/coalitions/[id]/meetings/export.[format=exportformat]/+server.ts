import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, meetingsExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { meetingKindLabel } from '../labels';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => meetingsExport(db, locals.actor, params.id));
	return exportResponse(
		params.format,
		{
			name: 'meetings',
			columns: [
				{ header: m.meeting_held_on, value: (r) => r.heldOn, kind: 'date' },
				{ header: m.meeting_kind, value: (r) => meetingKindLabel(r.kind) },
				{ header: m.meeting_title_field, value: (r) => r.title },
				{ header: m.meeting_members_present, value: (r) => r.membersPresent, kind: 'number' },
				{ header: m.meeting_guests, value: (r) => r.guestsCount, kind: 'number' }
			],
			rows
		},
		{ title: m.coalition_tab_meetings(), day: exportDay() }
	);
};
