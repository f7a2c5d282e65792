import { z } from 'zod';
import { PRODUCT_STATUSES, SPF_STAGES } from '../capacity';
import { optionalText, seenVersion } from './common';

export const PRODUCT_UPDATE_FIELDS = ['status', 'documentUrl', 'comment', 'version'] as const;
export type ProductUpdateField = (typeof PRODUCT_UPDATE_FIELDS)[number];

export const STAGE_FIELDS = ['spfStage'] as const;
export type StageField = (typeof STAGE_FIELDS)[number];

function isWebAddress(s: string): boolean {
	try {
		const url = new URL(s);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
	} catch {
		return false;
	}
}

/** Plans live in shared drives and websites; only a link a browser can open is stored. */
const documentUrl = z
	.string()
	.trim()
	.refine((s) => s === '' || (s.length <= 300 && isWebAddress(s)), 'url_invalid')
	.transform((s) => s || null);

/**
 * The status the product should end with (the same one to save a draft or comment); an empty
 * link keeps the stored one, so forms that do not show the link leave it alone.
 */
export const productUpdateSchema = z.object({
	status: z.enum(PRODUCT_STATUSES, 'invalid'),
	documentUrl,
	comment: optionalText(4000),
	version: seenVersion
});
export type ProductUpdateInput = z.output<typeof productUpdateSchema>;

/** An empty choice leaves the coalition without a stage (not yet known). */
export const stageSchema = z.object({
	spfStage: z
		.enum(['', ...SPF_STAGES], 'invalid')
		.transform((s) => (s === '' ? null : s) as (typeof SPF_STAGES)[number] | null)
});
export type StageInput = z.output<typeof stageSchema>;
