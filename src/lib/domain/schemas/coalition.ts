import { z } from 'zod';
import { COALITION_STATUSES } from '../network';
import {
	checkbox,
	MAX_YEAR,
	optionalId,
	optionalInt,
	optionalText,
	requiredId,
	requiredText,
	seenVersion,
	slugText
} from './common';

export const COALITION_FIELDS = [
	'name',
	'slug',
	'placeId',
	'phaseId',
	'phaseInferred',
	'status',
	'foundedYear',
	'seededByCoalitionId',
	'seededByOrganizationId',
	'descriptionEs',
	'descriptionEn',
	'version'
] as const;
export type CoalitionField = (typeof COALITION_FIELDS)[number];

export const coalitionSchema = z
	.object({
		name: requiredText(2, 120),
		slug: slugText,
		placeId: requiredId,
		phaseId: optionalId,
		phaseInferred: checkbox,
		status: z.enum(COALITION_STATUSES, 'invalid'),
		foundedYear: optionalInt(1980, MAX_YEAR, 'year_invalid'),
		seededByCoalitionId: optionalId,
		seededByOrganizationId: optionalId,
		descriptionEs: optionalText(2000),
		descriptionEn: optionalText(2000),
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		if (v.seededByCoalitionId && v.seededByOrganizationId) {
			ctx.addIssue({ code: 'custom', message: 'seeded_by_both', path: ['seededByOrganizationId'] });
		}
	});

export type CoalitionInput = z.output<typeof coalitionSchema>;
