/**
 * What the JSON API answers, as Zod schemas. The OpenAPI document is generated from these, the
 * resource functions are typed by them, and the contract test validates every answer against the
 * document, so the three cannot drift apart.
 */
import { z } from 'zod';

const id = z.string().describe('an opaque id');
const day = z.string().describe('a day, YYYY-MM-DD');
const timestamp = z.string().describe('ISO-8601 UTC');
const text = z.string().nullable();

export const errorShape = z.object({
	error: z.object({
		code: z.string().describe('machine-readable: unauthorized, forbidden, not_found, invalid…'),
		message: z.string().describe('a sentence in English for the developer'),
		fields: z
			.record(z.string(), z.string())
			.describe('field → validation code (the codes the forms translate)')
	})
});

export const networkItem = z.object({
	id,
	slug: z.string(),
	nameEs: z.string(),
	nameEn: text,
	countryCode: z.string(),
	roles: z.array(z.string()).describe('your roles in this network')
});

export const placeItem = z.object({
	id,
	parentId: id.nullable(),
	kind: z.string(),
	name: z.string(),
	nameEn: text,
	ubigeo: text,
	latitude: z.number().nullable(),
	longitude: z.number().nullable(),
	archived: z.boolean()
});

export const phaseItem = z.object({
	id,
	number: z.number().int(),
	nameEs: z.string(),
	nameEn: text,
	startYear: z.number().int(),
	endYear: z.number().int().nullable()
});

export const partnerItem = z.object({
	id,
	slug: z.string(),
	name: z.string(),
	shortName: text,
	kind: z.string(),
	countryCode: text,
	website: text
});

export const coalitionItem = z.object({
	id,
	name: z.string(),
	slug: z.string(),
	status: z.string(),
	placeId: id,
	phaseId: id.nullable(),
	foundedYear: z.number().int().nullable(),
	spfStage: text,
	updatedAt: timestamp
});

export const memberItem = z.object({
	personId: id,
	membershipId: id,
	role: z.string(),
	sector: z.string(),
	organizationName: text,
	startedOn: day,
	endedOn: day.nullable(),
	person: z
		.object({
			firstName: text,
			lastName: text,
			email: text,
			phone: text,
			ageGroup: text,
			erased: z.boolean()
		})
		.nullable()
		.describe('null unless you may see the personal data of this coalition’s people')
});

export const meetingItem = z.object({
	id,
	coalitionId: id,
	heldOn: day,
	kind: z.string(),
	title: text,
	guestsCount: z.number().int(),
	attendees: z.number().int().describe('members who attended (a count)')
});

export const trainingItem = z.object({
	id,
	title: z.string(),
	kind: z.string(),
	startsOn: day,
	endsOn: day.nullable(),
	place: text,
	organizerId: id.nullable(),
	topics: z.array(z.string()),
	hours: z.number(),
	attendees: z.number().int().describe('a count; names stay in the workspace')
});

export const assistanceItem = z.object({
	id,
	coalitionId: id,
	contactOn: day,
	providerId: id.nullable(),
	providerPerson: text,
	mode: z.string(),
	hours: z.number(),
	topic: z.string(),
	summary: text,
	openFollowups: z.number().int()
});

export const indicatorItem = z.object({
	id,
	code: z.string(),
	kind: z.string(),
	measure: text,
	substance: text,
	nameEs: z.string(),
	nameEn: text,
	unit: z.string(),
	source: text,
	networkWide: z.boolean().describe('false for the core measures every network shares')
});

export const indicatorValueItem = z.object({
	id,
	indicatorId: id,
	coalitionId: id,
	period: z.string(),
	numerator: z.number(),
	denominator: z.number().nullable(),
	source: text,
	notes: text,
	updatedAt: timestamp
});

export const activityItem = z.object({
	id,
	coalitionId: id,
	happenedOn: day,
	description: z.string(),
	kind: z.string(),
	strategyCode: text,
	taskId: id.nullable(),
	reached: z.object({
		youthF: z.number().int().nullable(),
		youthM: z.number().int().nullable(),
		adultF: z.number().int().nullable(),
		adultM: z.number().int().nullable(),
		total: z.number().int().nullable()
	}),
	sectors: z.array(z.string()),
	volunteers: z.number().int().nullable(),
	volunteerHours: z.number().nullable()
});

export const changeItem = z.object({
	id,
	coalitionId: id,
	kind: z.string(),
	title: z.string(),
	description: text,
	sector: text,
	localConditionItemId: id.nullable(),
	happenedOn: day,
	evidence: text,
	status: z.string()
});

export const storyItem = z.object({
	id,
	coalitionId: id.nullable(),
	slug: z.string(),
	status: z.string(),
	titleEs: text,
	titleEn: text,
	summaryEs: text,
	summaryEn: text,
	bodyEs: text,
	bodyEn: text,
	publishedAt: timestamp.nullable(),
	updatedAt: timestamp
});

export const messageItem = z.object({
	id,
	createdAt: timestamp,
	name: z.string(),
	email: z.string(),
	topic: z.string(),
	status: z.string(),
	coalition: z.object({ id, name: z.string() }).nullable(),
	assignee: z.object({ id, name: z.string() }).nullable()
});

/** The older endpoints answer a record as its form's values (text), plus a few flags. */
export const formRecordItem = z
	.looseObject({ id })
	.describe('the record as its workspace form shows it: every field as text');

export const createdItem = z.object({ id });

export type NetworkItem = z.infer<typeof networkItem>;
export type PlaceItem = z.infer<typeof placeItem>;
export type PhaseItem = z.infer<typeof phaseItem>;
export type PartnerItem = z.infer<typeof partnerItem>;
export type CoalitionItem = z.infer<typeof coalitionItem>;
export type MemberItem = z.infer<typeof memberItem>;
export type MeetingItem = z.infer<typeof meetingItem>;
export type TrainingItem = z.infer<typeof trainingItem>;
export type AssistanceItem = z.infer<typeof assistanceItem>;
export type IndicatorItem = z.infer<typeof indicatorItem>;
export type IndicatorValueItem = z.infer<typeof indicatorValueItem>;
export type ActivityItem = z.infer<typeof activityItem>;
export type ChangeItem = z.infer<typeof changeItem>;
export type StoryItem = z.infer<typeof storyItem>;
