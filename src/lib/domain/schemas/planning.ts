import { z } from 'zod';
import { SECTORS, type Sector } from '../capacity';
import { formRecord } from '../forms';
import {
	ACTIVITY_KINDS,
	CHANGE_KINDS,
	CHANGE_STATUSES,
	ITEM_KINDS,
	OUTCOME_TERMS,
	STORY_STATUSES,
	TASK_STATUSES,
	countsError,
	isStrategy
} from '../planning';
import {
	optionalId,
	optionalInt,
	optionalNumber,
	optionalText,
	requiredId,
	requiredText,
	seenVersion,
	slugText
} from './common';
import { joinIds } from './phase';
import { choice, dateText, optionalDate } from './training';

/** More people than this reached by one activity is a typing slip, not a campaign. */
export const MAX_REACHED = 1_000_000;
const MAX_VALUE = 1_000_000_000;

/** A day something happened: it cannot be after `today` (Lima's, which the caller knows). */
const pastDay = (today: string) => dateText.refine((d) => d <= today, { message: 'date_future' });

/** An optional menu: empty is null; anything off the list is tampering or a bad API call. */
const optionalChoice = <const T extends readonly string[]>(values: T) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			if (s === '') return null;
			if (!values.includes(s)) {
				ctx.addIssue({ code: 'custom', message: 'invalid' });
				return z.NEVER;
			}
			return s as T[number];
		});

/** A strategy of the seven: an unknown code gets its own message (the API can send anything). */
const optionalStrategy = z
	.string()
	.trim()
	.transform((s, ctx) => {
		if (s === '') return null;
		if (!isStrategy(s)) {
			ctx.addIssue({ code: 'custom', message: 'strategy_unknown' });
			return z.NEVER;
		}
		return s;
	});

export const MODEL_FIELDS = ['title', 'version'] as const;
export type ModelField = (typeof MODEL_FIELDS)[number];

export const modelSchema = z.object({ title: requiredText(2, 200), version: seenVersion });
export type ModelInput = z.output<typeof modelSchema>;

export const ITEM_FIELDS = [
	'kind',
	'parentId',
	'textEs',
	'textEn',
	'strategyCode',
	'outcomeTerm',
	'indicatorId',
	'baselineValue',
	'targetValue',
	'sortOrder',
	'version'
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export const itemSchema = z
	.object({
		kind: choice(ITEM_KINDS),
		parentId: optionalId,
		textEs: optionalText(1000),
		textEn: optionalText(1000),
		strategyCode: optionalStrategy,
		outcomeTerm: optionalChoice(OUTCOME_TERMS),
		indicatorId: optionalId,
		baselineValue: optionalNumber(-MAX_VALUE, MAX_VALUE, 'number_invalid'),
		targetValue: optionalNumber(-MAX_VALUE, MAX_VALUE, 'number_invalid'),
		sortOrder: optionalInt(0, 10_000, 'number_invalid'),
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		if (v.textEs === null && v.textEn === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['textEs'] });
		}
		if (v.kind === 'strategy' && v.strategyCode === null) {
			ctx.addIssue({ code: 'custom', message: 'strategy_unknown', path: ['strategyCode'] });
		}
		if (v.kind === 'outcome' && v.outcomeTerm === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['outcomeTerm'] });
		}
	})
	// Fields that belong to another kind are dropped, not stored: the menus stay on the page.
	.transform((v) => ({
		...v,
		strategyCode: v.kind === 'strategy' ? v.strategyCode : null,
		outcomeTerm: v.kind === 'outcome' ? v.outcomeTerm : null,
		indicatorId: v.kind === 'outcome' ? v.indicatorId : null,
		baselineValue: v.kind === 'outcome' ? v.baselineValue : null,
		targetValue: v.kind === 'outcome' ? v.targetValue : null
	}));
export type ItemInput = z.output<typeof itemSchema>;

export const TASK_FIELDS = [
	'modelItemId',
	'title',
	'owner',
	'dueOn',
	'status',
	'resources',
	'processMeasure',
	'version'
] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

export const taskSchema = z.object({
	modelItemId: requiredId,
	title: requiredText(2, 300),
	owner: optionalText(120),
	// A plan's due day is usually ahead; a past one is allowed for late entry.
	dueOn: optionalDate,
	status: choice(TASK_STATUSES),
	resources: optionalText(2000),
	processMeasure: optionalText(1000),
	version: seenVersion
});
export type TaskInput = z.output<typeof taskSchema>;

/** Sectors travel as one text (see activityFormRecord) and are stored joined by '|'. */
const sectors = z
	.string()
	.transform((s) => [
		...new Set(
			s
				.split(/[|,]/)
				.map((t) => t.trim())
				.filter(Boolean)
		)
	])
	.refine((list) => list.every((t) => (SECTORS as readonly string[]).includes(t)), {
		message: 'invalid'
	})
	// Stored in the vocabulary's order, so re-ticking the same boxes changes nothing.
	.transform((list) => SECTORS.filter((t) => list.includes(t)));

export function sectorsOf(text: string | null | undefined): Sector[] {
	const list = (text ?? '').split('|');
	return SECTORS.filter((s) => list.includes(s));
}

export const ACTIVITY_FIELDS = [
	'happenedOn',
	'description',
	'taskId',
	'strategyCode',
	'kind',
	'reachedYouthF',
	'reachedYouthM',
	'reachedAdultF',
	'reachedAdultM',
	'reachedTotal',
	'sectors',
	'volunteers',
	'volunteerHours',
	'mediaCoverage',
	'resources',
	'inKindValue',
	'clientDraftId',
	'version'
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

const count = optionalInt(0, MAX_REACHED, 'number_invalid');

export function activitySchema(today: string) {
	return z
		.object({
			happenedOn: pastDay(today),
			description: requiredText(2, 4000),
			taskId: optionalId,
			strategyCode: optionalStrategy,
			kind: choice(ACTIVITY_KINDS),
			reachedYouthF: count,
			reachedYouthM: count,
			reachedAdultF: count,
			reachedAdultM: count,
			reachedTotal: count,
			sectors,
			volunteers: optionalInt(0, 100_000, 'number_invalid'),
			volunteerHours: optionalNumber(0, 1_000_000, 'number_invalid'),
			mediaCoverage: optionalText(2000),
			resources: optionalText(2000),
			inKindValue: optionalNumber(0, MAX_VALUE, 'number_invalid'),
			// Made by the browser for an offline draft; only a plain token is accepted.
			clientDraftId: z
				.string()
				.trim()
				.max(100, 'invalid')
				.refine((s) => s === '' || /^[A-Za-z0-9_-]+$/.test(s), { message: 'invalid' })
				.transform((s) => s || null),
			version: seenVersion
		})
		.superRefine((v, ctx) => {
			if (v.taskId === null && v.strategyCode === null) {
				ctx.addIssue({ code: 'custom', message: 'task_or_strategy_required', path: ['taskId'] });
			}
			const mismatch = countsError({
				youthF: v.reachedYouthF,
				youthM: v.reachedYouthM,
				adultF: v.reachedAdultF,
				adultM: v.reachedAdultM,
				total: v.reachedTotal
			});
			if (mismatch) ctx.addIssue({ code: 'custom', message: mismatch, path: ['reachedTotal'] });
		});
}
export type ActivityInput = z.output<ReturnType<typeof activitySchema>>;

/** formRecord keeps only the last of repeated names; the sectors are all the ticked boxes. */
export function activityFormRecord(data: FormData): Record<string, string> {
	return { ...formRecord(data), sectors: joinIds(data.getAll('sectors')) };
}

export const CHANGE_FIELDS = [
	'kind',
	'title',
	'description',
	'sector',
	'localConditionItemId',
	'happenedOn',
	'evidence',
	'status',
	'version'
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export function changeSchema(today: string) {
	return z.object({
		kind: choice(CHANGE_KINDS),
		title: requiredText(2, 300),
		description: optionalText(4000),
		sector: optionalChoice(SECTORS),
		localConditionItemId: optionalId,
		happenedOn: pastDay(today),
		evidence: optionalText(2000),
		status: choice(CHANGE_STATUSES),
		version: seenVersion
	});
}
export type ChangeInput = z.output<ReturnType<typeof changeSchema>>;

export const STORY_TRANSITION_FIELDS = ['to', 'comment'] as const;
export type StoryTransitionField = (typeof STORY_TRANSITION_FIELDS)[number];

export const storyTransitionSchema = z.object({
	to: choice(STORY_STATUSES),
	comment: optionalText(4000)
});
export type StoryTransitionInput = z.output<typeof storyTransitionSchema>;

export const STORY_FIELDS = [
	'titleEs',
	'titleEn',
	'summaryEs',
	'summaryEn',
	'bodyEs',
	'bodyEn',
	'slug',
	'version'
] as const;
export type StoryField = (typeof STORY_FIELDS)[number];

/** Markdown as typed; it is sanitized when rendered, never trusted as HTML. */
export const storySchema = z
	.object({
		titleEs: optionalText(200),
		titleEn: optionalText(200),
		summaryEs: optionalText(600),
		summaryEn: optionalText(600),
		bodyEs: optionalText(20_000),
		bodyEn: optionalText(20_000),
		slug: slugText,
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		// A story may be told in Spanish, in English or in both, but it needs a title to be listed.
		if (v.titleEs === null && v.titleEn === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['titleEs'] });
		}
		if (v.bodyEs === null && v.bodyEn === null) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['bodyEs'] });
		}
	});
export type StoryInput = z.output<typeof storySchema>;
