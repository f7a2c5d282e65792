/**
 * A story's photos: uploaded by whoever may change the story's text, re-encoded before anything
 * is kept (stories/photos.ts), stored through the storage interface, and served to the public
 * only while the story is published.
 */
import type { Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	STORY_PHOTO_FIELDS,
	storyPhotoSchema,
	type StoryPhotoInput
} from '$lib/domain/schemas/stories';
import { recordAudit } from '../audit/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { defaultStorage, type FileStorage } from '../storage';
import { processPhoto } from '../stories/photos';
import { invalid } from './shared';
import { canChangeText, requireStory } from './stories';

/** Where a photo's bytes live: one folder per story. */
export function photoKey(storyId: string, photoId: string) {
	return `stories/${storyId}/${photoId}.jpg`;
}

/**
 * Adds a photo. The description and consent are checked together with the file so the page can
 * show every problem at once; nothing is stored unless all are right.
 */
export async function addStoryPhoto(
	db: Db,
	actor: Actor | null,
	storyId: string,
	form: Record<string, unknown>,
	file: Uint8Array,
	storage: FileStorage = defaultStorage()
) {
	const { story, coalition, who } = await requireStory(db, actor, storyId);
	if (!who.canEdit && !who.isHub) throw new NotFoundError('story');
	const values = formValues(form, STORY_PHOTO_FIELDS);
	if (!canChangeText(story.status, who)) return invalid({ _form: 'story_locked' }, values);
	const parsed = parseForm(storyPhotoSchema, form, STORY_PHOTO_FIELDS);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	// A bad file is refused before decoding; a good one is only decoded when the rest is right.
	const photo = await processPhoto(file);
	if (!photo.ok) errors.file = photo.code;
	if (!parsed.ok || !photo.ok) return invalid(errors, values);
	const input: StoryPhotoInput = parsed.value;

	const id = newId();
	const key = photoKey(storyId, id);
	await storage.put(key, photo.bytes);
	try {
		await db.transaction().execute(async (trx) => {
			const last = await trx
				.selectFrom('story_photo')
				.select((eb) => eb.fn.max('sort_order').as('n'))
				.where('story_id', '=', storyId)
				.executeTakeFirst();
			await trx
				.insertInto('story_photo')
				.values({
					id,
					story_id: storyId,
					file_name: key,
					mime_type: photo.mimeType,
					width: photo.width,
					height: photo.height,
					byte_size: photo.bytes.length,
					alt_es: input.altEs,
					alt_en: input.altEn,
					caption_es: input.captionEs,
					caption_en: input.captionEn,
					consent: input.consent,
					consent_note: input.consentNote,
					sort_order: Number(last?.n ?? -1) + 1,
					created_at: nowIso()
				})
				.execute();
			await recordAudit(trx, actor, {
				networkId: coalition.network_id,
				entityType: 'story',
				entityId: storyId,
				entityLabel: coalition.name,
				action: 'photo_add',
				after: { photoId: id, consent: input.consent }
			});
		});
	} catch (e) {
		// No row points at the file: do not leave it behind.
		await storage.delete(key);
		throw e;
	}
	return { status: 'ok' as const, id };
}

/**
 * Removes a photo at any stage: taking a picture down (say, when a family withdraws consent) must
 * never wait for the story to go back to draft.
 */
export async function removeStoryPhoto(
	db: Db,
	actor: Actor | null,
	storyId: string,
	photoId: string,
	storage: FileStorage = defaultStorage()
) {
	const { coalition, who } = await requireStory(db, actor, storyId);
	if (!who.canEdit && !who.isHub) throw new NotFoundError('story');
	const photo = await db
		.selectFrom('story_photo')
		.select(['id', 'file_name', 'consent'])
		.where('id', '=', photoId)
		.where('story_id', '=', storyId)
		.executeTakeFirst();
	if (!photo) throw new NotFoundError('photo');
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('story_photo').where('id', '=', photoId).execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'story',
			entityId: storyId,
			entityLabel: coalition.name,
			action: 'photo_remove',
			before: { photoId, consent: photo.consent }
		});
	});
	await storage.delete(photo.file_name);
	return { status: 'ok' as const };
}

/**
 * A photo's bytes for the file route. Anyone sees photos of a published story (`isPublic`, so it
 * may be cached by a CDN); otherwise only those who may see the story, and no shared cache.
 */
export async function storyPhotoFile(
	db: Db,
	actor: Actor | null,
	photoId: string,
	storage: FileStorage = defaultStorage()
) {
	const photo = await db
		.selectFrom('story_photo')
		.innerJoin('story', 'story.id', 'story_photo.story_id')
		.select([
			'story_photo.id',
			'story_photo.story_id',
			'story_photo.file_name',
			'story_photo.mime_type',
			'story_photo.byte_size',
			'story.status'
		])
		.where('story_photo.id', '=', photoId)
		.executeTakeFirst();
	if (!photo) throw new NotFoundError('photo');
	const isPublic = photo.status === 'published';
	if (!isPublic) {
		try {
			await requireStory(db, actor, photo.story_id);
		} catch (e) {
			throw e instanceof NotFoundError ? new NotFoundError('photo') : e;
		}
	}
	const bytes = await storage.get(photo.file_name);
	if (!bytes) throw new NotFoundError('photo');
	// A photo's bytes never change under its id (a new upload is a new photo), so the id is the tag.
	return { bytes, mimeType: photo.mime_type, etag: `"${photo.id}"`, isPublic };
}
