import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { attendanceExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';

/** The attendees the reader may name, as on the page; the others are only counted there. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { training, attendees } = await orNotFound(() =>
		attendanceExport(db, locals.actor, params.id)
	);
	return exportResponse(
		params.format,
		{
			name: 'attendance',
			columns: [
				{ header: m.export_col_training, value: () => training.title },
				{ header: m.training_field_starts_on, value: () => training.startsOn, kind: 'date' },
				{ header: m.training_attendee_name, value: (r) => r.name },
				{ header: m.training_attendee_coalition, value: (r) => r.coalition },
				{ header: m.training_attendee_hours, value: (r) => r.hours, kind: 'number' },
				{ header: m.training_certificate, value: (r) => r.certificateCode }
			],
			rows: attendees
		},
		{ title: m.training_attendees(), day: exportDay() }
	);
};
