import { z } from 'zod';
import { FOLLOWUP_STATUSES, TA_MODES, TOPICS } from '../capacity';
import { optionalId, optionalText, requiredText, seenVersion } from './common';
import { choice, dateText, requiredNumber } from './training';

/** A day of technical assistance is long; more than this in one contact is a typing slip. */
export const MAX_CONTACT_HOURS = 200;

export const CONTACT_FIELDS = [
	'contactOn',
	'providerId',
	'providerPerson',
	'mode',
	'hours',
	'topic',
	'summary',
	'version'
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/**
 * A contact is logged after it happened, so its day cannot be after `today` ('YYYY-MM-DD' in the
 * network's time zone, which the caller knows and the schema does not).
 */
export function contactSchema(today: string) {
	return z.object({
		contactOn: dateText.refine((d) => d <= today, 'date_future'),
		providerId: optionalId,
		providerPerson: optionalText(120),
		mode: choice(TA_MODES),
		hours: requiredNumber(0, MAX_CONTACT_HOURS, 'number_invalid'),
		topic: choice(TOPICS),
		summary: optionalText(4000),
		version: seenVersion
	});
}

export type ContactInput = z.output<ReturnType<typeof contactSchema>>;

export const FOLLOWUP_FIELDS = ['action', 'dueOn', 'owner', 'status', 'version'] as const;
export type FollowupField = (typeof FOLLOWUP_FIELDS)[number];

export const followupSchema = z.object({
	action: requiredText(2, 300),
	// A follow-up is a promise about the future; a past due day is allowed for late logging.
	dueOn: dateText,
	owner: optionalText(120),
	status: choice(FOLLOWUP_STATUSES),
	version: seenVersion
});

export type FollowupInput = z.output<typeof followupSchema>;
