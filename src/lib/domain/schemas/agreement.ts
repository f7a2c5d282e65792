import { z } from 'zod';
import { AGREEMENT_STATUSES } from '../capacity';
import { optionalId, optionalText, requiredText, seenVersion } from './common';
import { notFuture, optionalDate } from './meeting';

/** A convenio has a signing date once it has been signed, whatever became of it later. */
export const SIGNED_STATUSES: readonly string[] = ['signed', 'expired', 'terminated'];

export const AGREEMENT_FIELDS = [
	'municipality',
	'organizationId',
	'title',
	'scope',
	'status',
	'signedOn',
	'validUntil',
	'documentUrl',
	'version'
] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];

function isWebAddress(s: string): boolean {
	try {
		const url = new URL(s);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
	} catch {
		return false;
	}
}

const documentUrl = z
	.string()
	.trim()
	.max(300, 'too_long')
	.refine((s) => s === '' || isWebAddress(s), 'url_invalid')
	.transform((s) => s || null);

export const agreementSchema = z
	.object({
		municipality: requiredText(2, 160),
		organizationId: optionalId,
		title: requiredText(2, 200),
		scope: optionalText(2000),
		status: z.enum(AGREEMENT_STATUSES, {
			error: (issue) => (issue.input === '' ? 'required' : 'invalid')
		}),
		signedOn: optionalDate.refine(notFuture, 'date_future'),
		// A convenio is usually valid for years to come, so this date may well be in the future.
		validUntil: optionalDate,
		documentUrl,
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		if (SIGNED_STATUSES.includes(v.status) && v.signedOn === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['signedOn'] });
		}
		if (v.signedOn && v.validUntil && v.validUntil < v.signedOn) {
			ctx.addIssue({ code: 'custom', message: 'dates_order', path: ['validUntil'] });
		}
	});

export type AgreementInput = z.output<typeof agreementSchema>;
