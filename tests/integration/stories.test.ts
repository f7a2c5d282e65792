/**
 * Success stories end to end below the pages: the workflow with photos and people, and what the
 * public site shows at each state, on both databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJimp } from '@jimp/core';
import png from '@jimp/js-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import {
	addStoryPhoto,
	removeStoryPhoto,
	storyPhotoFile
} from '../../src/lib/server/planning/story-photos';
import {
	createStory,
	setStoryPeople,
	storyForEdit,
	storyReviewQueue,
	storyTransition
} from '../../src/lib/server/planning/stories';
import { coalitionProfile, storiesPage, storyPage } from '../../src/lib/server/public/service';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { folderStorage, type FileStorage } from '../../src/lib/server/storage';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

const Jimp = createJimp({ formats: [png] });

async function pngPhoto(width: number, height: number) {
	return new Uint8Array(
		await new Jimp({ width, height, color: 0xb5532fff }).getBuffer('image/png')
	);
}

const photoForm = {
	altEs: 'Vecinas pintan un mural en la plaza de Callao',
	captionEs: 'El mural del Día de la Prevención.',
	consent: 'recorded',
	consentNote: 'Autorizaciones firmadas, archivadas por la coordinadora.'
};

describe.each(dialects())('success stories on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let storage: FileStorage;
	let folder: string;
	const admin = () => actorWith('network_admin', ids.networkId);
	const sumbi = () => actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	const viewer = () => actorWith('viewer', ids.networkId);
	const callao = () => actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
	const huaro = () => actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });

	async function member(coalitionId: string, firstName: string, ageGroup = '30_59') {
		const person = newId();
		const now = nowIso();
		await handle.db
			.insertInto('person')
			.values({
				id: person,
				network_id: ids.networkId,
				first_name: firstName,
				last_name: 'Quispe',
				name_search: `${firstName.toLowerCase()} quispe`,
				email: null,
				phone: null,
				gender: null,
				birth_year: null,
				age_group: ageGroup,
				erased_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await handle.db
			.insertInto('membership')
			.values({
				id: newId(),
				coalition_id: coalitionId,
				person_id: person,
				role: 'member',
				sector: 'parents',
				organization_name: null,
				started_on: '2024-01-01',
				ended_on: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		return person;
	}

	async function newStory(title: string) {
		const result = await createStory(handle.db, callao(), ids.callaoNorte, {
			titleEs: title,
			summaryEs: 'La comunidad se organizó.',
			bodyEs: '**La comunidad** se organizó.\n\n<script>alert(1)</script>'
		});
		expect(result.status).toBe('ok');
		return (result as { id: string }).id;
	}

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		folder = mkdtempSync(join(tmpdir(), 'minka-stories-'));
		storage = folderStorage(folder);
	});

	afterAll(async () => {
		await handle?.close();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('keeps the program page story published in the default data', async () => {
		const listed = await storiesPage(handle.db, 'es');
		expect(listed.map((s) => s.slug)).toContain('lidia-carrasco-instituto-de-medio-ano');
		const page = await storyPage(handle.db, 'en', 'lidia-carrasco-instituto-de-medio-ano');
		expect(page.title).toBe('Lidia Carrasco crosses borders for her community');
		expect(page.html).toContain('<p>');
	});

	it('shows the public a story and its photo only while it is published', async () => {
		const db = handle.db;
		const storyId = await newStory('Callao Norte pinta su plaza');
		const photo = await addStoryPhoto(
			db,
			callao(),
			storyId,
			photoForm,
			await pngPhoto(2000, 1000),
			storage
		);
		expect(photo.status).toBe('ok');
		const photoId = (photo as { id: string }).id;
		const { slug } = await storyForEdit(db, callao(), storyId);
		const profile = async () =>
			(await coalitionProfile(db, 'es', 'callao-norte', (s) => `/coalitions/${s}`)).stories.map(
				(s) => s.slug
			);
		const publicSees = async () => ({
			list: (await storiesPage(db, 'es')).some((s) => s.slug === slug),
			profile: (await profile()).includes(slug),
			page: await storyPage(db, 'es', slug).then(
				() => true,
				(e) => (e instanceof NotFoundError ? false : Promise.reject(e))
			),
			photo: await storyPhotoFile(db, null, photoId, storage).then(
				(f) => f.isPublic,
				(e) => (e instanceof NotFoundError ? false : Promise.reject(e))
			)
		});
		const hidden = { list: false, profile: false, page: false, photo: false };
		const shown = { list: true, profile: true, page: true, photo: true };
		const move = (actor: ReturnType<typeof admin>, to: string, comment = '') =>
			storyTransition(db, actor, storyId, { to, comment });

		expect(await publicSees()).toEqual(hidden);
		// The coalition's own people see the draft's photo, privately.
		expect(await storyPhotoFile(db, callao(), photoId, storage)).toMatchObject({
			isPublic: false,
			mimeType: 'image/jpeg',
			etag: `"${photoId}"`
		});
		await expect(storyPhotoFile(db, huaro(), photoId, storage)).rejects.toThrow(NotFoundError);

		expect((await move(callao(), 'in_review')).status).toBe('ok');
		expect(await publicSees()).toEqual(hidden);
		expect((await storyReviewQueue(db, sumbi(), ids.networkId)).map((s) => s.id)).toContain(
			storyId
		);

		expect(
			(await move(sumbi(), 'published', 'Lista: el consentimiento está anotado.')).status
		).toBe('ok');
		expect(await publicSees()).toEqual(shown);
		expect((await storyReviewQueue(db, sumbi(), ids.networkId)).map((s) => s.id)).not.toContain(
			storyId
		);
		const page = await storyPage(db, 'es', slug);
		expect(page.html).toContain('<strong>La comunidad</strong>');
		expect(page.html).not.toContain('<script>');
		expect(page.photos).toEqual([
			{
				src: `/media/story-photos/${photoId}`,
				width: 1600,
				height: 800,
				alt: photoForm.altEs,
				caption: photoForm.captionEs
			}
		]);
		// Nothing personal reaches the public: no consent notes, no linked people.
		expect(JSON.stringify(page)).not.toContain('Autorizaciones');

		expect((await move(sumbi(), 'unpublished')).status).toBe('ok');
		expect(await publicSees()).toEqual(hidden);
		expect((await move(callao(), 'draft')).status).toBe('ok');
		expect(await publicSees()).toEqual(hidden);
	});

	it('refuses a bad photo with a message for its field and keeps what was typed', async () => {
		const db = handle.db;
		const storyId = await newStory('Una historia con fotos');
		const text = new TextEncoder().encode('no soy una foto');
		expect(await addStoryPhoto(db, callao(), storyId, photoForm, text, storage)).toMatchObject({
			status: 'invalid',
			errors: { file: 'photo_type' },
			values: { altEs: photoForm.altEs, consentNote: photoForm.consentNote }
		});
		const good = await pngPhoto(40, 30);
		expect(
			await addStoryPhoto(db, callao(), storyId, { consent: 'recorded' }, good, storage)
		).toMatchObject({
			status: 'invalid',
			errors: { altEs: 'alt_required', consentNote: 'consent_note_required' }
		});
		expect(
			await addStoryPhoto(
				db,
				callao(),
				storyId,
				{ altEn: 'A mural', consent: 'no_identifiable_people' },
				good,
				storage
			)
		).toMatchObject({ status: 'ok' });
		await expect(addStoryPhoto(db, viewer(), storyId, photoForm, good, storage)).rejects.toThrow(
			NotFoundError
		);
		await expect(addStoryPhoto(db, huaro(), storyId, photoForm, good, storage)).rejects.toThrow(
			NotFoundError
		);

		// Under review the coordinator may not add photos, but anyone who can edit may take one down.
		expect((await storyTransition(db, callao(), storyId, { to: 'in_review' })).status).toBe('ok');
		expect(await addStoryPhoto(db, callao(), storyId, photoForm, good, storage)).toMatchObject({
			status: 'invalid',
			errors: { _form: 'story_locked' }
		});
		const [photo] = (await storyForEdit(db, callao(), storyId)).photos;
		const key = `stories/${storyId}/${photo.id}.jpg`;
		expect(await storage.get(key)).not.toBeNull();
		await removeStoryPhoto(db, callao(), storyId, photo.id, storage);
		expect((await storyForEdit(db, callao(), storyId)).photos).toEqual([]);
		expect(await storage.get(key)).toBeNull();
		await expect(storyPhotoFile(db, callao(), photo.id, storage)).rejects.toThrow(NotFoundError);
	});

	it('links a story to members who agreed, never to a minor without a guardian’s consent', async () => {
		const db = handle.db;
		const storyId = await newStory('Las madres del barrio');
		const rosa = await member(ids.callaoNorte, 'Rosa');
		const minor = await member(ids.callaoNorte, 'Kevin', '15_17');
		const elsewhere = await member(ids.huaro, 'Julio');

		expect(
			await setStoryPeople(db, callao(), storyId, { personIds: [rosa], agreed: false })
		).toMatchObject({ status: 'invalid', errors: { agreed: 'consent_required' } });
		expect(
			await setStoryPeople(db, callao(), storyId, { personIds: [minor], agreed: true })
		).toMatchObject({ status: 'invalid', errors: { people: 'consent_required' } });
		expect(
			await setStoryPeople(db, callao(), storyId, { personIds: [elsewhere], agreed: true })
		).toMatchObject({ status: 'invalid', errors: { people: 'person_not_member' } });
		await expect(
			setStoryPeople(db, viewer(), storyId, { personIds: [rosa], agreed: true })
		).rejects.toThrow(NotFoundError);

		expect(
			(await setStoryPeople(db, callao(), storyId, { personIds: [rosa], agreed: true })).status
		).toBe('ok');
		const edit = await storyForEdit(db, callao(), storyId);
		expect(edit.people?.filter((p) => p.linked).map((p) => p.name)).toEqual(['Rosa Quispe']);
		expect(edit.people?.find((p) => p.personId === minor)).toMatchObject({
			awaitingConsent: true,
			linked: false
		});
		// Viewers learn that people are linked, not who they are.
		expect(await storyForEdit(db, viewer(), storyId)).toMatchObject({
			people: null,
			linkedCount: 1
		});
		// Unlinking needs no new confirmation.
		expect(
			(await setStoryPeople(db, callao(), storyId, { personIds: [], agreed: false })).status
		).toBe('ok');
		expect((await storyForEdit(db, callao(), storyId)).linkedCount).toBe(0);
	});

	it('gives the review queue to the hub only', async () => {
		const storyId = await newStory('Esperando revisión');
		expect((await storyTransition(handle.db, callao(), storyId, { to: 'in_review' })).status).toBe(
			'ok'
		);
		expect(
			(await storyReviewQueue(handle.db, admin(), ids.networkId)).find((s) => s.id === storyId)
		).toMatchObject({ titleEs: 'Esperando revisión', coalition: { name: 'Callao Norte' } });
		await expect(storyReviewQueue(handle.db, callao(), ids.networkId)).rejects.toThrow(
			NotFoundError
		);
		await expect(storyReviewQueue(handle.db, viewer(), ids.networkId)).rejects.toThrow(
			NotFoundError
		);
	});
});
