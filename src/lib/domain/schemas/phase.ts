import { z } from 'zod';
import { GOAL_METRICS, type GoalMetric } from '../network';
import { formRecord } from '../forms';
import { MAX_YEAR, optionalInt, optionalText, requiredText, seenVersion } from './common';

/** A phase states at most this many goals; the form shows one row per goal. */
export const GOAL_ROWS = [1, 2, 3, 4] as const;

/** More target places than a network has regions and cities is a mistake, not a plan. */
export const MAX_TARGET_PLACES = 200;

export const PHASE_FIELDS = [
	'number',
	'nameEs',
	'nameEn',
	'startYear',
	'endYear',
	'summaryEs',
	'summaryEn',
	...GOAL_ROWS.flatMap((i) => [`goalMetric${i}`, `goalTarget${i}`, `goalByYear${i}`] as const),
	'targetPlaceIds',
	'version'
] as const;
export type PhaseField = (typeof PHASE_FIELDS)[number];

const requiredInt = (min: number, max: number, code: string) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			const n = Number(s);
			if (s === '' || !Number.isInteger(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: s === '' ? 'required' : code });
				return z.NEVER;
			}
			return n;
		});

const goalMetric = z
	.string()
	.trim()
	.refine((s) => s === '' || (GOAL_METRICS as readonly string[]).includes(s), 'invalid')
	.transform((s) => (s || null) as GoalMetric | null);

// Goals are often stated for years still to come ("40 coalitions by 2030").
const GOAL_MAX_YEAR = 2100;

/**
 * The ids of the chosen target places as one comma-separated text, so the field travels through
 * parseForm (which reads text) like every other; see phaseFormRecord and joinIds.
 */
const targetPlaceIds = z
	.string()
	.transform((s) => [
		...new Set(
			s
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean)
		)
	])
	.refine(
		(ids) => ids.length <= MAX_TARGET_PLACES && ids.every((id) => id.length <= 100),
		'invalid'
	);

const goalShape = Object.fromEntries(
	GOAL_ROWS.flatMap((i) => [
		[`goalMetric${i}`, goalMetric],
		[`goalTarget${i}`, optionalInt(0, 100000, 'number_invalid')],
		[`goalByYear${i}`, optionalInt(1980, GOAL_MAX_YEAR, 'year_invalid')]
	])
) as Record<`goalMetric${(typeof GOAL_ROWS)[number]}`, typeof goalMetric> &
	Record<
		`goalTarget${(typeof GOAL_ROWS)[number]}` | `goalByYear${(typeof GOAL_ROWS)[number]}`,
		ReturnType<typeof optionalInt>
	>;

export const phaseSchema = z
	.object({
		number: requiredInt(1, 99, 'number_invalid'),
		nameEs: requiredText(2, 120),
		nameEn: optionalText(120),
		startYear: requiredInt(1980, MAX_YEAR, 'year_invalid'),
		endYear: optionalInt(1980, MAX_YEAR, 'year_invalid'),
		summaryEs: optionalText(2000),
		summaryEn: optionalText(2000),
		...goalShape,
		targetPlaceIds,
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		if (v.endYear !== null && v.endYear < v.startYear) {
			ctx.addIssue({ code: 'custom', message: 'years_order', path: ['endYear'] });
		}
		for (const i of GOAL_ROWS) {
			const metric = v[`goalMetric${i}`];
			const target = v[`goalTarget${i}`];
			const byYear = v[`goalByYear${i}`];
			if (metric && target === null) {
				ctx.addIssue({ code: 'custom', message: 'required', path: [`goalTarget${i}`] });
			}
			// A target or a year without a metric would be dropped silently; ask for the metric.
			if (!metric && (target !== null || byYear !== null)) {
				ctx.addIssue({ code: 'custom', message: 'required', path: [`goalMetric${i}`] });
			}
		}
	});

export type PhaseInput = z.output<typeof phaseSchema>;

export interface PhaseGoalInput {
	metric: GoalMetric;
	target: number;
	byYear: number | null;
}

/** The filled goal rows, in form order. */
export function goalsOf(input: PhaseInput): PhaseGoalInput[] {
	const goals: PhaseGoalInput[] = [];
	for (const i of GOAL_ROWS) {
		const metric = input[`goalMetric${i}`];
		const target = input[`goalTarget${i}`];
		if (metric && target !== null) {
			goals.push({ metric, target, byYear: input[`goalByYear${i}`] });
		}
	}
	return goals;
}

/**
 * Goals as one line, "coalitions: 40 (2009); districts: 12", for the audit trail: a change to the
 * goals then reads as one row of text, and parseGoalsText gets them back to say in any language.
 */
export function goalsText(goals: { metric: string; target: number; by_year: number | null }[]) {
	return goals
		.map((g) => `${g.metric}: ${g.target}${g.by_year === null ? '' : ` (${g.by_year})`}`)
		.join('; ');
}

export function parseGoalsText(text: string): PhaseGoalInput[] | null {
	const goals: PhaseGoalInput[] = [];
	for (const part of text.split('; ').filter(Boolean)) {
		const match = /^([a-z_]+): (\d+)(?: \((\d+)\))?$/.exec(part);
		if (!match || !(GOAL_METRICS as readonly string[]).includes(match[1])) return null;
		goals.push({
			metric: match[1] as GoalMetric,
			target: Number(match[2]),
			byYear: match[3] ? Number(match[3]) : null
		});
	}
	return goals;
}

/** A multi-value field (repeated form fields, a JSON array, or already joined text) as one text. */
export function joinIds(value: unknown): string {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list
		.filter((v): v is string => typeof v === 'string')
		.map((v) => v.trim())
		.filter(Boolean)
		.join(',');
}

/** formRecord keeps only the last of repeated names; the target places are all of them. */
export function phaseFormRecord(data: FormData): Record<string, string> {
	return { ...formRecord(data), targetPlaceIds: joinIds(data.getAll('targetPlaceIds')) };
}
