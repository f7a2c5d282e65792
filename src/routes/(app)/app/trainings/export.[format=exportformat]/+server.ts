import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { exportDay, trainingsExport } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';
import { trainingKindLabel } from '../labels';

export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
	const rows = await orNotFound(() =>
		trainingsExport(db, locals.actor, networkId, url.searchParams)
	);
	return exportResponse(
		params.format,
		{
			name: 'trainings',
			columns: [
				{ header: m.training_field_title, value: (r) => r.title },
				{ header: m.training_field_kind, value: (r) => trainingKindLabel(r.kind) },
				{ header: m.training_field_starts_on, value: (r) => r.startsOn, kind: 'date' },
				{ header: m.training_field_ends_on, value: (r) => r.endsOn, kind: 'date' },
				{ header: m.training_field_place, value: (r) => r.place },
				{ header: m.training_field_organizer, value: (r) => r.organizer },
				{ header: m.training_field_hours, value: (r) => r.hours, kind: 'number' },
				{ header: m.training_attendees, value: (r) => r.attendees, kind: 'number' }
			],
			rows
		},
		{ title: m.training_title(), day: exportDay() }
	);
};
