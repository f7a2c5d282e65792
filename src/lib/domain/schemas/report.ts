import { z } from 'zod';
import { dateText } from './meeting';

/** What a funder report covers: the whole network, or one phase, partner or coalition. */
export const REPORT_SCOPES = ['network', 'phase', 'partner', 'coalition'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

export const REPORT_LANGUAGES = ['es', 'en'] as const;

export const REPORT_FIELDS = ['from', 'to', 'scope', 'phase', 'partner', 'coalition'] as const;

/**
 * The report's period and scope, as the GET form sends them. The scope's target (the phase,
 * partner or coalition) is required when that scope is chosen; the service checks it exists.
 */
export const reportSchema = z
	.object({
		from: dateText,
		to: dateText,
		scope: z.enum(REPORT_SCOPES, 'invalid'),
		phase: z.string().trim().max(100, 'invalid'),
		partner: z.string().trim().max(100, 'invalid'),
		coalition: z.string().trim().max(100, 'invalid')
	})
	.superRefine((v, ctx) => {
		if (v.from && v.to && v.to < v.from) {
			ctx.addIssue({ code: 'custom', path: ['to'], message: 'dates_order' });
		}
		if (v.scope !== 'network' && !v[v.scope]) {
			ctx.addIssue({ code: 'custom', path: [v.scope], message: 'required' });
		}
	});

export type ReportInput = z.output<typeof reportSchema>;
