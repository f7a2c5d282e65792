import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server';
import { agreementsExport, exportDay } from '$lib/server/export/lists';
import { exportResponse } from '$lib/server/export/table';
import { orNotFound } from '$lib/server/http/errors';
import { agreementStatusLabel } from '../labels';

export const GET: RequestHandler = async ({ locals, params }) => {
	const rows = await orNotFound(() => agreementsExport(db, locals.actor, params.id));
	return exportResponse(
		params.format,
		{
			name: 'agreements',
			columns: [
				{ header: m.agreement_title_field, value: (r) => r.title },
				{ header: m.agreement_municipality, value: (r) => r.municipality },
				{ header: m.agreement_organization, value: (r) => r.organization },
				{ header: m.agreement_status, value: (r) => agreementStatusLabel(r.status) },
				{ header: m.agreement_signed_on, value: (r) => r.signedOn, kind: 'date' },
				{ header: m.agreement_valid_until, value: (r) => r.validUntil, kind: 'date' },
				{ header: m.agreement_document, value: (r) => r.documentUrl }
			],
			rows
		},
		{ title: m.coalition_tab_agreements(), day: exportDay() }
	);
};
