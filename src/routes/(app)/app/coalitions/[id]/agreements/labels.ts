import { m } from '$lib/paraglide/messages';

export function agreementStatusLabel(status: string): string {
	return (
		{
			draft: m.agreement_status_draft,
			negotiating: m.agreement_status_negotiating,
			signed: m.agreement_status_signed,
			expired: m.agreement_status_expired,
			terminated: m.agreement_status_terminated
		}[status] ?? (() => status)
	)();
}

/** The agreement form's field labels, shared by the form, its error summary and the history. */
export function agreementFieldLabels(): Record<string, string> {
	return {
		municipality: m.agreement_municipality(),
		organizationId: m.agreement_organization(),
		title: m.agreement_title_field(),
		scope: m.agreement_scope(),
		status: m.agreement_status(),
		signedOn: m.agreement_signed_on(),
		validUntil: m.agreement_valid_until(),
		documentUrl: m.agreement_document()
	};
}
