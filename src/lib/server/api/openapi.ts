/**
 * The JSON API described once: every operation with its parameters, the Zod schema of its body
 * (the same schema the workspace form validates with) and of its answer. The OpenAPI 3.1
 * document, the reference page and the contract test are all generated from this list.
 */
import { z } from 'zod';
import { todayInLima } from '$lib/domain/dates';
import { parseForm } from '$lib/domain/forms';
import { CONTACT_FIELDS, contactSchema } from '$lib/domain/schemas/assistance';
import { COALITION_FIELDS, coalitionSchema } from '$lib/domain/schemas/coalition';
import { INDICATOR_FIELDS, indicatorSchema, valueSchema } from '$lib/domain/schemas/indicator';
import { MEETING_FIELDS, meetingSchema } from '$lib/domain/schemas/meeting';
import { MEMBER_FIELDS, memberSchema } from '$lib/domain/schemas/member';
import { MESSAGE_UPDATE_FIELDS, messageUpdateSchema } from '$lib/domain/schemas/message';
import {
	NEW_PARTNER_FIELDS,
	ORGANIZATION_FIELDS,
	newPartnerSchema,
	organizationSchema
} from '$lib/domain/schemas/organization';
import { PHASE_FIELDS, phaseSchema } from '$lib/domain/schemas/phase';
import { PLACE_FIELDS, placeSchema } from '$lib/domain/schemas/place';
import {
	ACTIVITY_FIELDS,
	CHANGE_FIELDS,
	STORY_FIELDS,
	activitySchema,
	changeSchema,
	storySchema
} from '$lib/domain/schemas/planning';
import { TRAINING_FIELDS, trainingSchema } from '$lib/domain/schemas/training';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../http/cursor';
import {
	activityItem,
	assistanceItem,
	changeItem,
	coalitionItem,
	createdItem,
	errorShape,
	formRecordItem,
	indicatorItem,
	indicatorValueItem,
	meetingItem,
	memberItem,
	messageItem,
	networkItem,
	partnerItem,
	phaseItem,
	placeItem,
	storyItem,
	trainingItem
} from './shapes';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface Body {
	schema: z.ZodType;
	fields: readonly string[];
	/** PATCH: every field may be left out (it keeps its value) */
	partial: boolean;
	/** fields the body may not carry (taken from the path) */
	omit?: readonly string[];
}

export interface Operation {
	method: Method;
	path: string;
	tag: string;
	summary: string;
	description?: string;
	/** query filters beyond `limit`, `cursor` and `network`: name → description */
	filters?: Record<string, string>;
	/** the list answers `{ data: [...], next_cursor }`, the others `{ data }` */
	answer: { kind: 'page' | 'one' | 'none'; schema: string };
	status: number;
	body?: Body;
	/** whether `?network=` chooses the network (lists and creations that belong to one) */
	networkParam?: boolean;
	errors: number[];
}

/** Response schemas by the name the document gives them. */
export const SCHEMAS: Record<string, z.ZodType> = {
	Network: networkItem,
	Place: placeItem,
	Phase: phaseItem,
	Partner: partnerItem,
	Coalition: coalitionItem,
	Member: memberItem,
	Meeting: meetingItem,
	Training: trainingItem,
	Assistance: assistanceItem,
	Indicator: indicatorItem,
	IndicatorValue: indicatorValueItem,
	Activity: activityItem,
	CommunityChange: changeItem,
	Story: storyItem,
	Message: messageItem,
	FormRecord: formRecordItem,
	Created: createdItem
};

const READ = [400, 401, 404];
const WRITE = [400, 401, 403, 404];
const UPDATE = [400, 401, 403, 404, 409];

const today = () => todayInLima();

function body(
	schema: z.ZodType,
	fields: readonly string[],
	partial: boolean,
	omit?: readonly string[]
): Body {
	return { schema, fields, partial, omit };
}

function list(
	path: string,
	tag: string,
	summary: string,
	schema: string,
	filters: Record<string, string>,
	networkParam = false
): Operation {
	return {
		method: 'get',
		path,
		tag,
		summary,
		filters,
		answer: { kind: 'page', schema },
		status: 200,
		networkParam,
		errors: READ
	};
}

function one(path: string, tag: string, summary: string, schema: string): Operation {
	return {
		method: 'get',
		path,
		tag,
		summary,
		answer: { kind: 'one', schema },
		status: 200,
		errors: [401, 404]
	};
}

function create(
	path: string,
	tag: string,
	summary: string,
	schema: string,
	b: Body,
	networkParam = false,
	description?: string
): Operation {
	return {
		method: 'post',
		path,
		tag,
		summary,
		description,
		answer: { kind: 'one', schema },
		status: 201,
		body: b,
		networkParam,
		errors: WRITE
	};
}

function update(path: string, tag: string, summary: string, schema: string, b: Body): Operation {
	return {
		method: 'patch',
		path,
		tag,
		summary,
		description:
			'Fields left out keep their current values. Send `version` (the record’s `version` or `updatedAt` as you read it) to be told with 409 when someone changed it since.',
		answer: { kind: 'one', schema },
		status: 200,
		body: b,
		errors: UPDATE
	};
}

const SEARCH = { q: 'words of the name, accents and case ignored' };
const PERIOD = {
	from: 'first day, YYYY-MM-DD',
	to: 'last day, YYYY-MM-DD'
};

/** Every operation of /api/v1, in the order the reference shows them. */
export function operations(): Operation[] {
	const d = today();
	const C = '/coalitions/{id}';
	return [
		list('/networks', 'Networks', 'Networks you have a role in', 'Network', {}),
		one('/networks/{id}', 'Networks', 'One network', 'Network'),

		list(
			'/places',
			'Places',
			'Places of the network',
			'Place',
			{
				...SEARCH,
				kind: 'region, department, province, district, community…',
				within: 'a place id: only places inside it',
				status: '`archived` for archived places only',
				sort: '`name` (default) or `-name`'
			},
			true
		),
		create(
			'/places',
			'Places',
			'Add a place (administrators)',
			'Created',
			body(placeSchema, PLACE_FIELDS, false),
			true
		),
		one('/places/{id}', 'Places', 'One place, as its form shows it', 'FormRecord'),
		update(
			'/places/{id}',
			'Places',
			'Change a place (administrators)',
			'FormRecord',
			body(placeSchema, PLACE_FIELDS, true)
		),

		list(
			'/phases',
			'Phases',
			'Development phases',
			'Phase',
			{ ...SEARCH, year: 'phases running that year', sort: '`number` (default) or `-number`' },
			true
		),
		create(
			'/phases',
			'Phases',
			'Add a phase (administrators)',
			'Created',
			body(phaseSchema, PHASE_FIELDS, false),
			true,
			'`targetPlaceIds` may be an array of place ids.'
		),
		one('/phases/{id}', 'Phases', 'One phase, as its form shows it', 'FormRecord'),
		update(
			'/phases/{id}',
			'Phases',
			'Change a phase (administrators)',
			'FormRecord',
			body(phaseSchema, PHASE_FIELDS, true)
		),
		{
			method: 'delete',
			path: '/phases/{id}',
			tag: 'Phases',
			summary: 'Delete a phase nothing refers to (administrators)',
			answer: { kind: 'none', schema: '' },
			status: 204,
			errors: [401, 403, 404, 409]
		},

		list(
			'/partners',
			'Partners',
			'Organizations with a role in the network',
			'Partner',
			{
				...SEARCH,
				kind: 'international_trainer, national_ngo, funder, local_government, community_group',
				role: 'only organizations with this role in the network',
				sort: '`name` (default) or `-name`'
			},
			true
		),
		create(
			'/partners',
			'Partners',
			'Add an organization and its first role (administrators)',
			'Created',
			body(newPartnerSchema, NEW_PARTNER_FIELDS, false),
			true
		),
		one('/partners/{id}', 'Partners', 'One organization, as its form shows it', 'FormRecord'),
		update(
			'/partners/{id}',
			'Partners',
			'Change an organization (administrators)',
			'FormRecord',
			body(organizationSchema, ORGANIZATION_FIELDS, true)
		),

		list(
			'/coalitions',
			'Coalitions',
			'Coalitions you may see',
			'Coalition',
			{
				...SEARCH,
				status: 'forming, active, inactive or archived (archived ones only when asked)',
				phase: 'a phase id',
				region: 'a place id: coalitions anywhere inside it',
				sort: '`name` (default), `-name`, `updated` or `-updated`'
			},
			true
		),
		create(
			'/coalitions',
			'Coalitions',
			'Register a coalition (administrators, partner staff)',
			'Created',
			body(coalitionSchema, COALITION_FIELDS, false),
			true
		),
		one('/coalitions/{id}', 'Coalitions', 'One coalition, as its form shows it', 'FormRecord'),
		update(
			'/coalitions/{id}',
			'Coalitions',
			'Change a coalition (those who may edit it)',
			'FormRecord',
			body(coalitionSchema, COALITION_FIELDS, true)
		),

		list(`${C}/members`, 'People', 'A coalition’s memberships', 'Member', {
			status: '`active` (default), `ended` or `all`',
			sector: 'one of the twelve sectors',
			sort: '`started` (default) or `-started`'
		}),
		create(
			`${C}/members`,
			'People',
			'Add a person as a member (those who may edit the coalition)',
			'Member',
			body(memberSchema(d), MEMBER_FIELDS, false),
			false,
			'Someone under 18 needs the guardian consent fields.'
		),
		one(`${C}/members/{personId}`, 'People', 'A person’s latest membership', 'Member'),
		update(
			`${C}/members/{personId}`,
			'People',
			'Change a person and their membership',
			'Member',
			body(memberSchema(d), MEMBER_FIELDS, true)
		),

		list(`${C}/meetings`, 'Meetings', 'A coalition’s meetings', 'Meeting', {
			kind: 'coalition, committee, community, training, other',
			...PERIOD,
			sort: '`-held` (default) or `held`'
		}),
		create(
			`${C}/meetings`,
			'Meetings',
			'Record a meeting',
			'Meeting',
			body(meetingSchema, MEETING_FIELDS, false),
			false,
			'`attendees` is membership ids joined by commas.'
		),
		one(`${C}/meetings/{meetingId}`, 'Meetings', 'One meeting', 'Meeting'),
		update(
			`${C}/meetings/{meetingId}`,
			'Meetings',
			'Change a meeting',
			'Meeting',
			body(meetingSchema, MEETING_FIELDS, true)
		),

		list(
			'/trainings',
			'Trainings',
			'Training events of the network',
			'Training',
			{
				...SEARCH,
				kind: 'the kind of event',
				year: 'events that started that year',
				sort: '`-starts` (default) or `starts`'
			},
			true
		),
		create(
			'/trainings',
			'Trainings',
			'Add a training event (administrators, partner staff)',
			'Training',
			body(trainingSchema, TRAINING_FIELDS, false),
			true,
			'`topics` is topic codes joined by commas.'
		),
		one('/trainings/{id}', 'Trainings', 'One training event', 'Training'),
		update(
			'/trainings/{id}',
			'Trainings',
			'Change a training event',
			'Training',
			body(trainingSchema, TRAINING_FIELDS, true)
		),

		list(`${C}/assistance`, 'Technical assistance', 'A coalition’s TA contacts', 'Assistance', {
			topic: 'a topic code',
			mode: '`in_person` or `remote`',
			...PERIOD,
			sort: '`-date` (default) or `date`'
		}),
		create(
			`${C}/assistance`,
			'Technical assistance',
			'Log a TA contact (administrators, supporting partners)',
			'Assistance',
			body(contactSchema(d), CONTACT_FIELDS, false)
		),
		one(`${C}/assistance/{contactId}`, 'Technical assistance', 'One TA contact', 'Assistance'),
		update(
			`${C}/assistance/{contactId}`,
			'Technical assistance',
			'Change a TA contact',
			'Assistance',
			body(contactSchema(d), CONTACT_FIELDS, true)
		),

		list(
			'/indicators',
			'Indicators',
			'The core measures and the network’s own indicators',
			'Indicator',
			{
				...SEARCH,
				kind: '`core` or `custom`',
				status: '`archived` for archived indicators only'
			},
			true
		),
		create(
			'/indicators',
			'Indicators',
			'Add an indicator of the network’s own (administrators)',
			'Indicator',
			body(indicatorSchema, INDICATOR_FIELDS, false),
			true
		),
		one('/indicators/{id}', 'Indicators', 'One indicator', 'Indicator'),
		list(
			`${C}/indicator-values`,
			'Indicators',
			'Values recorded by hand for a coalition',
			'IndicatorValue',
			{
				indicator: 'an indicator id',
				period: 'a period, e.g. 2025 or 2025-S1',
				sort: '`period` (default) or `-period`'
			}
		),
		create(
			`${C}/indicator-values`,
			'Indicators',
			'Record a value (those who may edit the coalition)',
			'IndicatorValue',
			body(
				valueSchema,
				['indicatorId', 'period', 'numerator', 'denominator', 'source', 'notes'],
				false,
				['coalitionId', 'placeId']
			),
			false,
			'Survey measures come from the survey upload, not from here.'
		),
		one(`${C}/indicator-values/{valueId}`, 'Indicators', 'One value', 'IndicatorValue'),

		list(`${C}/activities`, 'Activities', 'A coalition’s activity log', 'Activity', {
			strategy: 'one of the seven strategies',
			kind: 'the kind of activity',
			...PERIOD,
			sort: '`-date` (default) or `date`'
		}),
		create(
			`${C}/activities`,
			'Activities',
			'Log an activity',
			'Activity',
			body(activitySchema(d), ACTIVITY_FIELDS, false),
			false,
			'A `clientDraftId` makes retries safe: the same id answers the activity already logged (200).'
		),
		one(`${C}/activities/{activityId}`, 'Activities', 'One activity', 'Activity'),

		list(`${C}/changes`, 'Community changes', 'Community and system changes', 'CommunityChange', {
			kind: '`program`, `policy` or `practice`',
			status: '`proposed`, `adopted` or `enforced`',
			...PERIOD,
			sort: '`-date` (default) or `date`'
		}),
		create(
			`${C}/changes`,
			'Community changes',
			'Record a community change',
			'CommunityChange',
			body(changeSchema(d), CHANGE_FIELDS, false)
		),
		one(`${C}/changes/{changeId}`, 'Community changes', 'One change', 'CommunityChange'),
		update(
			`${C}/changes/{changeId}`,
			'Community changes',
			'Change a community change',
			'CommunityChange',
			body(changeSchema(d), CHANGE_FIELDS, true)
		),

		list(`${C}/stories`, 'Stories', 'A coalition’s stories, drafts included', 'Story', {
			status: '`draft`, `in_review`, `published` or `unpublished`',
			sort: '`-updated` (default) or `updated`'
		}),
		create(
			`${C}/stories`,
			'Stories',
			'Start a story (a draft)',
			'Story',
			body(storySchema, STORY_FIELDS, false)
		),
		one(`${C}/stories/{storyId}`, 'Stories', 'One story', 'Story'),
		update(
			`${C}/stories/{storyId}`,
			'Stories',
			'Change a story while it is a draft',
			'Story',
			body(storySchema, STORY_FIELDS, true)
		),

		list(
			'/messages',
			'Messages',
			'Contact messages you may read',
			'Message',
			{
				status: '`` (open, the default), `new`, `answered`, `archived` or `all`',
				mine: '`1`: only those assigned to you',
				sort: '`newest` (default) or `oldest`'
			},
			true
		),
		one('/messages/{id}', 'Messages', 'One message with its notes', 'FormRecord'),
		update(
			'/messages/{id}',
			'Messages',
			'Change a message’s status or assignee',
			'FormRecord',
			body(messageUpdateSchema, MESSAGE_UPDATE_FIELDS, true)
		)
	];
}

/** Fields a body must carry: those the form schema rejects when they are empty. */
export function requiredFields(b: Body): string[] {
	const parsed = parseForm(b.schema, {}, b.fields);
	if (parsed.ok) return [];
	return Object.keys(parsed.errors).filter(
		(f) => b.fields.includes(f) && !(b.omit ?? []).includes(f)
	);
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
	const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
	delete out.$schema;
	return out;
}

/** The request body as JSON Schema: the form's fields, as text (numbers and booleans are accepted too). */
export function bodySchema(b: Body): JsonSchema {
	const source = jsonSchema(b.schema, 'input');
	const props = (source.properties ?? {}) as Record<string, JsonSchema>;
	const properties: Record<string, JsonSchema> = {};
	for (const [name, prop] of Object.entries(props)) {
		if ((b.omit ?? []).includes(name)) continue;
		if (!b.fields.includes(name) && name !== 'version') continue;
		properties[name] =
			prop.type === 'string' && !prop.enum
				? { ...prop, type: ['string', 'number', 'boolean'] }
				: prop;
	}
	const required = b.partial ? [] : requiredFields(b);
	return {
		type: 'object',
		properties,
		...(required.length ? { required } : {}),
		description: 'The workspace form’s fields. Validation answers 400 with `fields`: field → code.'
	};
}

function pathParams(path: string) {
	return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
		name: m[1],
		in: 'path',
		required: true,
		schema: { type: 'string' }
	}));
}

const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	204: 'Deleted',
	400: 'Invalid input, body, limit or cursor',
	401: 'No valid session or token (missing, unknown, revoked or expired)',
	403: 'The token may only read',
	404: 'Not found, or outside your scope (the two look the same)',
	409: 'The record changed since you read it, or it is still in use'
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The whole OpenAPI 3.1 document. */
export function openApiDocument(serverUrl = '/api/v1') {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations()) {
		const parameters: unknown[] = [...pathParams(op.path)];
		if (op.networkParam) {
			parameters.push({
				name: 'network',
				in: 'query',
				description: 'a network slug; the first network you have a role in when left out',
				schema: { type: 'string' }
			});
		}
		if (op.answer.kind === 'page') {
			parameters.push(
				{
					name: 'limit',
					in: 'query',
					description: `rows per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`,
					schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }
				},
				{
					name: 'cursor',
					in: 'query',
					description: 'the `next_cursor` of the page before; leave out for the first page',
					schema: { type: 'string' }
				}
			);
			for (const [name, description] of Object.entries(op.filters ?? {})) {
				parameters.push({ name, in: 'query', description, schema: { type: 'string' } });
			}
		}
		const success =
			op.answer.kind === 'none'
				? { description: STATUS_TEXT[op.status] }
				: {
						description: STATUS_TEXT[op.status],
						content: {
							'application/json': {
								schema:
									op.answer.kind === 'page'
										? {
												type: 'object',
												required: ['data', 'next_cursor'],
												properties: {
													data: { type: 'array', items: ref(op.answer.schema) },
													next_cursor: {
														type: ['string', 'null'],
														description: 'pass as `cursor` for the next page; null on the last'
													}
												}
											}
										: {
												type: 'object',
												required: ['data'],
												properties: { data: ref(op.answer.schema) }
											}
							}
						}
					};
		const responses: Record<string, unknown> = { [String(op.status)]: success };
		for (const status of op.errors) {
			responses[String(status)] = {
				description: STATUS_TEXT[status],
				content: { 'application/json': { schema: ref('Error') } }
			};
		}
		paths[op.path] ??= {};
		paths[op.path][op.method] = {
			operationId: operationId(op),
			tags: [op.tag],
			summary: op.summary,
			...(op.description ? { description: op.description } : {}),
			parameters,
			...(op.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: bodySchema(op.body) } }
						}
					}
				: {}),
			responses
		};
	}
	const schemas: Record<string, JsonSchema> = { Error: jsonSchema(errorShape, 'output') };
	for (const [name, schema] of Object.entries(SCHEMAS))
		schemas[name] = jsonSchema(schema, 'output');
	return {
		openapi: '3.1.0',
		info: {
			title: 'Minka API',
			version: '1',
			description:
				'The network’s data for other systems: the same records, rules and validation as the workspace. ' +
				'Authenticate with a personal access token (`Authorization: Bearer minka_…`), made on the workspace’s “API tokens” page. ' +
				'A token acts as its user: it sees and changes exactly what that person may. ' +
				`Lists are paged by cursor: \`?limit=\` (1–${MAX_LIMIT}) and \`?cursor=\` with the \`next_cursor\` of the page before.`
		},
		servers: [{ url: serverUrl }],
		security: [{ bearerAuth: [] }],
		tags: [...new Set(operations().map((o) => o.tag))].map((name) => ({ name })),
		paths,
		components: {
			securitySchemes: {
				bearerAuth: {
					type: 'http',
					scheme: 'bearer',
					description: 'A personal access token: `minka_` and 43 more characters.'
				}
			},
			schemas
		}
	};
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** `getCoalitionsIdMeetings`-style ids: stable, readable, unique per method and path. */
export function operationId(op: Pick<Operation, 'method' | 'path'>): string {
	const words = op.path
		.split('/')
		.filter(Boolean)
		.map((w) => w.replace(/[{}]/g, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()))
		.map((w) => w[0].toUpperCase() + w.slice(1));
	return op.method + words.join('');
}
