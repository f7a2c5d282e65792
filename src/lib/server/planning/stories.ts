/**
 * The success-story workflow on the existing `story` table: the coalition's editors write and
 * submit; the hub (canActAsHub) publishes, sends back with a comment, or unpublishes. Only
 * published stories reach the public site (stories/queries.ts).
 */
import {
	canActAsHub,
	canEditCoalition,
	canSeePersonalData,
	isNetworkAdmin,
	partnerOrganizationIds,
	type Actor
} from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { isMinor } from '$lib/domain/members';
import { formValues, parseForm } from '$lib/domain/forms';
import {
	storyNextStatuses,
	storyTransition as checkTransition,
	type StoryStatus
} from '$lib/domain/planning';
import {
	STORY_FIELDS,
	STORY_TRANSITION_FIELDS,
	storySchema,
	storyTransitionSchema,
	type StoryInput
} from '$lib/domain/schemas/planning';
import { slugify } from '$lib/domain/text';
import { recordAudit } from '../audit/service';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import { mapCoalition } from '../coalitions/queries';
import { coalitionMemberships } from '../members/queries';
import { renderMarkdown } from '../stories/markdown';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { invalid, type SaveResult, type UpdateResult } from './shared';

/** The story and what the actor may do with it; a story without a coalition is the network's. */
export async function requireStory(db: Db, actor: Actor | null, storyId: string) {
	const story = await db
		.selectFrom('story')
		.selectAll()
		.where('id', '=', storyId)
		.executeTakeFirst();
	if (!story?.coalition_id) throw new NotFoundError('story');
	try {
		const { coalition, scope } = await requireCoalition(db, actor, story.coalition_id, 'view');
		return {
			story,
			coalition,
			scope,
			who: { canEdit: canEditCoalition(actor, scope), isHub: canActAsHub(actor, scope) }
		};
	} catch (e) {
		throw e instanceof NotFoundError ? new NotFoundError('story') : e;
	}
}

/** A coalition's stories in every state, newest first, with the moves the actor may make. */
export async function listCoalitionStories(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const who = { canEdit: canEditCoalition(actor, scope), isHub: canActAsHub(actor, scope) };
	const rows = await db
		.selectFrom('story')
		.select(['id', 'slug', 'title_es', 'title_en', 'status', 'published_at', 'updated_at'])
		.where('coalition_id', '=', coalitionId)
		.orderBy('updated_at', 'desc')
		.orderBy('id')
		.execute();
	return {
		coalition: { id: coalition.id, name: coalition.name },
		stories: rows.map((s) => ({
			id: s.id,
			slug: s.slug,
			titleEs: s.title_es,
			titleEn: s.title_en,
			status: s.status as StoryStatus,
			publishedAt: s.published_at,
			next: storyNextStatuses(s.status, who)
		})),
		...who
	};
}

/** The hub's comments on a story, oldest first. */
export async function storyReviews(db: Db, actor: Actor | null, storyId: string) {
	await requireStory(db, actor, storyId);
	const rows = await db
		.selectFrom('story_review')
		.select(['id', 'author_label', 'status_after', 'body', 'created_at'])
		.where('story_id', '=', storyId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		author: r.author_label,
		statusAfter: r.status_after,
		body: r.body,
		createdAt: r.created_at
	}));
}

/**
 * Moves a story along the workflow (`to`, with an optional `comment`, required when the hub
 * sends it back). A move the actor may not make answers like a missing story; a move the
 * workflow does not have is 'transition_invalid'.
 */
export async function storyTransition(
	db: Db,
	actor: Actor | null,
	storyId: string,
	form: Record<string, unknown>
) {
	const { story, coalition, who } = await requireStory(db, actor, storyId);
	if (!who.canEdit && !who.isHub) throw new NotFoundError('story');
	const parsed = parseForm(storyTransitionSchema, form, STORY_TRANSITION_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, STORY_TRANSITION_FIELDS);
	const { to, comment } = parsed.value;
	const check = checkTransition(story.status, to, who, comment);
	if (!check.ok) {
		if (check.code === 'forbidden') throw new NotFoundError('story');
		return invalid(
			check.code === 'comment_required' ? { comment: check.code } : { to: check.code },
			values
		);
	}
	await db.transaction().execute(async (trx) => {
		const now = nowIso();
		// The first publication's moment stays: republishing does not make an old story news.
		const publishedAt = to === 'published' ? (story.published_at ?? now) : story.published_at;
		await trx
			.updateTable('story')
			.set({ status: to, published_at: publishedAt, updated_at: now })
			.where('id', '=', storyId)
			.execute();
		if (comment) {
			await trx
				.insertInto('story_review')
				.values({
					id: newId(),
					story_id: storyId,
					author_user_id: actor?.userId ?? null,
					author_label: actor ? actor.name || actor.email : 'system',
					status_after: to,
					body: comment,
					created_at: now
				})
				.execute();
		}
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'story',
			entityId: storyId,
			entityLabel: coalition.name,
			action: 'status',
			before: { status: story.status },
			after: { status: to, commented: Boolean(comment) }
		});
	});
	return { status: 'ok' as const, id: storyId };
}

function languagesOf(es: string | null, en: string | null) {
	return [es !== null && 'es', en !== null && 'en'].filter(Boolean).join('|');
}

/** Editors change a story while it is a draft; the hub may also correct it during review. */
export function canChangeText(status: string, who: { canEdit: boolean; isHub: boolean }) {
	return (
		(status === 'draft' && (who.canEdit || who.isHub)) || (status === 'in_review' && who.isHub)
	);
}

function storyValues(s: {
	title_es: string | null;
	title_en: string | null;
	summary_es: string | null;
	summary_en: string | null;
	body_es: string | null;
	body_en: string | null;
	slug: string;
	updated_at: string;
}): Record<string, string> {
	return {
		titleEs: s.title_es ?? '',
		titleEn: s.title_en ?? '',
		summaryEs: s.summary_es ?? '',
		summaryEn: s.summary_en ?? '',
		bodyEs: s.body_es ?? '',
		bodyEn: s.body_en ?? '',
		slug: s.slug,
		version: s.updated_at
	};
}

function storyColumns(input: StoryInput) {
	return {
		title_es: input.titleEs,
		title_en: input.titleEn,
		summary_es: input.summaryEs,
		summary_en: input.summaryEn,
		body_es: input.bodyEs,
		body_en: input.bodyEn
	};
}

/** The slug asked for if free, else one made from the title with a number added when taken. */
async function freeStorySlug(db: Db, input: StoryInput, selfId: string | null) {
	const taken = async (slug: string) => {
		const row = await db
			.selectFrom('story')
			.select('id')
			.where('slug', '=', slug)
			.executeTakeFirst();
		return Boolean(row && row.id !== selfId);
	};
	if (input.slug) return (await taken(input.slug)) ? null : input.slug;
	const base = slugify(input.titleEs ?? input.titleEn ?? '').slice(0, 70) || 'historia';
	for (let n = 1; n < 1000; n++) {
		const candidate = n === 1 ? base : `${base}-${n}`;
		if (!(await taken(candidate))) return candidate;
	}
	return `${base}-${newId().slice(0, 8)}`;
}

/** A person as the story editor lists them; erased people keep no name. */
function personLabel(r: {
	first_name: string;
	last_name: string | null;
	erased_at: string | null;
}) {
	return r.erased_at ? null : [r.first_name, r.last_name].filter(Boolean).join(' ');
}

/**
 * Everything the story page shows: the text as typed and as it will read, the photos, the hub's
 * comments and, for those who may see personal data, the people the story is about.
 */
export async function storyForEdit(db: Db, actor: Actor | null, storyId: string) {
	const { story, coalition, scope, who } = await requireStory(db, actor, storyId);
	const photos = await db
		.selectFrom('story_photo')
		.selectAll()
		.where('story_id', '=', storyId)
		.orderBy('sort_order')
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const linked = await db
		.selectFrom('story_person')
		.select('person_id')
		.where('story_id', '=', storyId)
		.execute();
	const linkedIds = new Set(linked.map((l) => l.person_id));
	const canSeePeople = canSeePersonalData(actor, scope);
	let people = null;
	if (canSeePeople) {
		const today = todayInLima();
		const memberships = await coalitionMemberships(db, coalition.id);
		const byPerson = new Map<string, (typeof memberships)[number]>();
		for (const r of memberships) {
			const seen = byPerson.get(r.person_id);
			// One line per person: their current membership if any, else the latest.
			if (
				!seen ||
				(seen.ended_on !== null && (r.ended_on === null || r.ended_on > seen.ended_on))
			) {
				byPerson.set(r.person_id, r);
			}
		}
		people = [...byPerson.values()]
			.filter((r) => !r.erased_at || linkedIds.has(r.person_id))
			.map((r) => {
				const minor = isMinor(r.age_group, r.birth_year, today);
				return {
					personId: r.person_id,
					name: personLabel(r),
					linked: linkedIds.has(r.person_id),
					minor,
					awaitingConsent: minor && !r.has_consent && !r.erased_at,
					nameSearch: r.name_search
				};
			})
			.sort((a, b) => a.nameSearch.localeCompare(b.nameSearch, 'es'))
			.map(({ nameSearch: _, ...rest }) => rest);
	}
	return {
		id: story.id,
		coalitionId: story.coalition_id,
		coalitionName: coalition.name,
		slug: story.slug,
		status: story.status as StoryStatus,
		publishedAt: story.published_at,
		values: storyValues(story),
		canEdit: canChangeText(story.status, who),
		canRemovePhotos: who.canEdit || who.isHub,
		isHub: who.isHub,
		next: storyNextStatuses(story.status, who),
		preview: { es: renderMarkdown(story.body_es), en: renderMarkdown(story.body_en) },
		photos: photos.map((p) => ({
			id: p.id,
			width: p.width,
			height: p.height,
			altEs: p.alt_es,
			altEn: p.alt_en,
			captionEs: p.caption_es,
			captionEn: p.caption_en,
			consent: p.consent,
			consentNote: p.consent_note
		})),
		/** null: the actor may not see who the people are (viewers) */
		people,
		linkedCount: linkedIds.size
	};
}

/**
 * Links the story to the coalition's members it is about (replacing the previous list). Only
 * those who may see personal data do this; the person who links confirms the people agreed to
 * appear, and a minor needs a guardian's consent on record first.
 */
export async function setStoryPeople(
	db: Db,
	actor: Actor | null,
	storyId: string,
	input: { personIds: string[]; agreed: boolean }
) {
	const { story, coalition, scope } = await requireStory(db, actor, storyId);
	if (!canSeePersonalData(actor, scope)) throw new NotFoundError('story');
	const wanted = [...new Set(input.personIds.filter(Boolean))];
	const values = { agreed: input.agreed ? 'on' : '' };
	const today = todayInLima();
	const members = new Map(
		(await coalitionMemberships(db, coalition.id)).map((r) => [r.person_id, r])
	);
	const current = new Set(
		(
			await db
				.selectFrom('story_person')
				.select('person_id')
				.where('story_id', '=', storyId)
				.execute()
		).map((r) => r.person_id)
	);
	const added = wanted.filter((id) => !current.has(id));
	for (const id of added) {
		const m = members.get(id);
		if (!m || m.erased_at) return invalid({ people: 'person_not_member' }, values);
		if (isMinor(m.age_group, m.birth_year, today) && !m.has_consent) {
			return invalid({ people: 'consent_required' }, values);
		}
	}
	if (added.length > 0 && !input.agreed) return invalid({ agreed: 'consent_required' }, values);
	const removed = [...current].filter((id) => !wanted.includes(id));
	await db.transaction().execute(async (trx) => {
		if (removed.length) {
			await trx
				.deleteFrom('story_person')
				.where('story_id', '=', storyId)
				.where('person_id', 'in', removed)
				.execute();
		}
		for (const personId of added) {
			await trx
				.insertInto('story_person')
				.values({ story_id: storyId, person_id: personId })
				.execute();
		}
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'story',
			entityId: story.id,
			entityLabel: coalition.name,
			action: 'people',
			// Counts only: who a story is about is personal data.
			before: { people: current.size },
			after: { people: wanted.length }
		});
	});
	return { status: 'ok' as const, id: storyId };
}

/**
 * The hub's queue: stories waiting for review in the coalitions the actor supports (all of the
 * network's for administrators), oldest submission first.
 */
export async function storyReviewQueue(db: Db, actor: Actor | null, networkId: string) {
	const admin = isNetworkAdmin(actor, networkId);
	const organizations = partnerOrganizationIds(actor, networkId);
	if (!admin && organizations.length === 0) throw new NotFoundError('network');
	const rows = await db
		.selectFrom('story')
		.innerJoin('coalition', 'coalition.id', 'story.coalition_id')
		.select([
			'story.id',
			'story.title_es',
			'story.title_en',
			'story.updated_at',
			'story.coalition_id'
		])
		.where('story.network_id', '=', networkId)
		.where('story.status', '=', 'in_review')
		.orderBy('story.updated_at')
		.orderBy('story.id')
		.execute();
	const coalitions = new Map<string, { name: string; hub: boolean }>();
	const queue = [];
	for (const row of rows) {
		const coalitionId = row.coalition_id!;
		let c = coalitions.get(coalitionId);
		if (!c) {
			const coalitionRow = await db
				.selectFrom('coalition')
				.selectAll()
				.where('id', '=', coalitionId)
				.executeTakeFirstOrThrow();
			const coalition = mapCoalition(coalitionRow);
			c = { name: coalition.name, hub: canActAsHub(actor, await coalitionScope(db, coalition)) };
			coalitions.set(coalitionId, c);
		}
		if (!c.hub) continue;
		queue.push({
			id: row.id,
			titleEs: row.title_es,
			titleEn: row.title_en,
			submittedAt: row.updated_at,
			coalition: { id: coalitionId, name: c.name }
		});
	}
	return queue;
}

/** A new story starts as a draft of the coalition. */
export async function createStory(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'edit');
	const parsed = parseForm(storySchema, form, STORY_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, STORY_FIELDS);
	return db.transaction().execute(async (trx) => {
		const slug = await freeStorySlug(trx, parsed.value, null);
		if (!slug) return invalid({ slug: 'slug_taken' }, values);
		const now = nowIso();
		const id = newId();
		await trx
			.insertInto('story')
			.values({
				id,
				network_id: coalition.network_id,
				coalition_id: coalitionId,
				slug,
				...storyColumns(parsed.value),
				status: 'draft',
				published_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'story',
			entityId: id,
			entityLabel: coalition.name,
			action: 'create',
			after: { coalitionId, slug, status: 'draft' }
		});
		return { status: 'ok' as const, id };
	});
}

export async function updateStory(
	db: Db,
	actor: Actor | null,
	storyId: string,
	form: Record<string, unknown>
): Promise<UpdateResult> {
	const { story, coalition, who } = await requireStory(db, actor, storyId);
	if (!who.canEdit && !who.isHub) throw new NotFoundError('story');
	const parsed = parseForm(storySchema, form, STORY_FIELDS);
	if (!parsed.ok) return invalid(parsed.errors, parsed.values);
	const values = formValues(form, STORY_FIELDS);
	if (!canChangeText(story.status, who)) return invalid({ _form: 'story_locked' }, values);
	if (parsed.value.version && parsed.value.version !== story.updated_at) {
		return { status: 'stale', values };
	}
	return db.transaction().execute(async (trx) => {
		const slug = parsed.value.slug ? await freeStorySlug(trx, parsed.value, storyId) : story.slug;
		if (!slug) return invalid({ slug: 'slug_taken' }, values);
		await trx
			.updateTable('story')
			.set({ ...storyColumns(parsed.value), slug, updated_at: nowIso() })
			.where('id', '=', storyId)
			.execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'story',
			entityId: storyId,
			entityLabel: coalition.name,
			action: 'update',
			// A story's words can name people; the trail keeps which languages it is told in.
			before: { slug: story.slug, languages: languagesOf(story.title_es, story.title_en) },
			after: { slug, languages: languagesOf(parsed.value.titleEs, parsed.value.titleEn) }
		});
		return { status: 'ok' as const, id: storyId };
	});
}
