import { z } from 'zod';
import {
	checkbox,
	MAX_YEAR,
	optionalId,
	optionalText,
	requiredId,
	requiredText,
	seenVersion
} from './common';

/** Indicators, their values and targets; survey periods. Messages are error codes. */

export const INDICATOR_UNITS = ['percent', 'count', 'rate'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** A survey or value period: a year, since coalitions survey every year or two. */
export const periodText = z
	.string()
	.trim()
	.refine((s) => /^\d{4}$/.test(s) && Number(s) >= 1990 && Number(s) <= MAX_YEAR, 'year_invalid');

const optionalPeriod = z
	.string()
	.trim()
	.refine(
		(s) => s === '' || (/^\d{4}$/.test(s) && Number(s) >= 1990 && Number(s) <= MAX_YEAR + 20),
		'year_invalid'
	)
	.transform((s) => s || null);

const requiredNumber = (code: string) =>
	z
		.string()
		.trim()
		.min(1, 'required')
		.transform((s, ctx) => {
			const n = Number(s.replace(',', '.'));
			if (!Number.isFinite(n) || n < 0 || n > 1e12) {
				ctx.addIssue({ code: 'custom', message: code });
				return z.NEVER;
			}
			return n;
		});

const optionalNonNegative = (code: string) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			if (s === '') return null;
			const n = Number(s.replace(',', '.'));
			if (!Number.isFinite(n) || n < 0 || n > 1e12) {
				ctx.addIssue({ code: 'custom', message: code });
				return z.NEVER;
			}
			return n;
		});

export const INDICATOR_FIELDS = [
	'nameEs',
	'nameEn',
	'unit',
	'numeratorEs',
	'numeratorEn',
	'denominatorEs',
	'denominatorEn',
	'source',
	'version'
] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export const indicatorSchema = z.object({
	nameEs: requiredText(2, 160),
	nameEn: optionalText(160),
	unit: z.enum(INDICATOR_UNITS, 'invalid'),
	numeratorEs: optionalText(500),
	numeratorEn: optionalText(500),
	denominatorEs: optionalText(500),
	denominatorEn: optionalText(500),
	source: optionalText(300),
	version: seenVersion
});
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const VALUE_FIELDS = [
	'indicatorId',
	'coalitionId',
	'placeId',
	'period',
	'numerator',
	'denominator',
	'source',
	'notes'
] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/** A value belongs to a coalition or to a place, never both (as the table's check says). */
export const valueSchema = z
	.object({
		indicatorId: requiredId,
		coalitionId: optionalId,
		placeId: optionalId,
		period: periodText,
		numerator: requiredNumber('number_invalid'),
		denominator: optionalNonNegative('number_invalid'),
		source: optionalText(300),
		notes: optionalText(2000)
	})
	.superRefine((v, ctx) => {
		if (!v.coalitionId && !v.placeId) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['coalitionId'] });
		}
		if (v.coalitionId && v.placeId) {
			ctx.addIssue({ code: 'custom', message: 'invalid', path: ['placeId'] });
		}
	});
export type ValueInput = z.output<typeof valueSchema>;

export const TARGET_FIELDS = [
	'indicatorId',
	'coalitionId',
	'baselineValue',
	'baselinePeriod',
	'targetValue',
	'targetPeriod'
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export const targetSchema = z
	.object({
		indicatorId: requiredId,
		coalitionId: requiredId,
		baselineValue: optionalNonNegative('number_invalid'),
		baselinePeriod: optionalPeriod,
		targetValue: optionalNonNegative('number_invalid'),
		targetPeriod: optionalPeriod
	})
	.superRefine((v, ctx) => {
		if (v.baselineValue === null && v.targetValue === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['targetValue'] });
		}
		if (v.baselinePeriod && v.targetPeriod && v.targetPeriod < v.baselinePeriod) {
			ctx.addIssue({ code: 'custom', message: 'years_order', path: ['targetPeriod'] });
		}
	});
export type TargetInput = z.output<typeof targetSchema>;

export const SURVEY_SETTINGS_FIELDS = ['keepRawSurvey', 'suppressionMin'] as const;

/** Below 5 a cell could point at one or two students; above 100 little would ever be shown. */
export const surveySettingsSchema = z.object({
	keepRawSurvey: checkbox,
	suppressionMin: z
		.string()
		.trim()
		.min(1, 'required')
		.refine((s) => /^\d+$/.test(s) && Number(s) >= 5 && Number(s) <= 100, 'number_invalid')
		.transform(Number)
});
