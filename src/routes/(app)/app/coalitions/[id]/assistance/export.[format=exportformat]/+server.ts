import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { contactsExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { topicLabel } from '../../../../trainings/labels';
import { taModeLabel } from '../labels';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => contactsExport(db, locals.actor, params.id));
	return exportResponse(
		params.format,
		{
			name: 'technical-assistance',
			columns: [
				{ header: m.ta_field_contact_on, value: (r) => r.contactOn, kind: 'date' },
				{ header: m.ta_field_provider, value: (r) => r.provider },
				{ header: m.ta_field_provider_person, value: (r) => r.providerPerson },
				{ header: m.ta_field_mode, value: (r) => taModeLabel(r.mode) },
				{ header: m.ta_field_hours, value: (r) => r.hours, kind: 'number' },
				{ header: m.ta_field_topic, value: (r) => topicLabel(r.topic) },
				{ header: m.ta_field_summary, value: (r) => r.summary },
				{ header: m.export_col_open_followups, value: (r) => r.openFollowups, kind: 'number' }
			],
			rows
		},
		{ title: m.ta_title(), day: exportDay() }
	);
};
