import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord, type FieldErrors } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { addStoryPhoto, removeStoryPhoto } from '$lib/server/planning/story-photos';
import {
	setStoryPeople,
	storyForEdit,
	storyReviews,
	storyTransition,
	updateStory
} from '$lib/server/planning/stories';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const story = await orNotFound(() => storyForEdit(db, locals.actor, params.storyId));
	// The story's own coalition only: another coalition's tab must not show it.
	if (story.coalitionId !== params.id) error(404, 'not_found');
	return {
		story,
		reviews: await orNotFound(() => storyReviews(db, locals.actor, params.storyId)),
		done: url.searchParams.get('done')
	};
};

/** One shape for every form's refusal, so the page can tell them apart by `action`. */
const refused = (
	status: number,
	action: 'save' | 'move' | 'photo' | 'people',
	errors: FieldErrors,
	values: Record<string, string>
) => fail(status, { action, errors, values });

const back = (params: { id: string; storyId: string }, done: string) =>
	href(`/app/coalitions/${params.id}/stories/${params.storyId}?done=${done}`);

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => updateStory(db, locals.actor, params.storyId, form));
		if (result.status === 'invalid') {
			return refused(400, 'save', result.errors, result.values);
		}
		if (result.status === 'stale') {
			return refused(409, 'save', { _form: 'stale' }, result.values);
		}
		redirect(303, back(params, 'saved'));
	},
	move: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => storyTransition(db, locals.actor, params.storyId, form));
		if (result.status === 'invalid') {
			return refused(400, 'move', result.errors, result.values);
		}
		redirect(303, back(params, String(form.to)));
	},
	addPhoto: async ({ locals, params, request }) => {
		const data = await request.formData();
		const file = data.get('file');
		const bytes =
			file instanceof File && file.size > 0
				? new Uint8Array(await file.arrayBuffer())
				: new Uint8Array();
		const result = await orNotFound(() =>
			addStoryPhoto(db, locals.actor, params.storyId, formRecord(data), bytes)
		);
		if (result.status === 'invalid') {
			return refused(400, 'photo', result.errors, result.values);
		}
		redirect(303, back(params, 'photo_added'));
	},
	removePhoto: async ({ locals, params, request }) => {
		const photoId = String((await request.formData()).get('photoId') ?? '');
		await orNotFound(() => removeStoryPhoto(db, locals.actor, params.storyId, photoId));
		redirect(303, back(params, 'photo_removed'));
	},
	people: async ({ locals, params, request }) => {
		const data = await request.formData();
		const result = await orNotFound(() =>
			setStoryPeople(db, locals.actor, params.storyId, {
				personIds: data.getAll('person').map(String),
				agreed: data.get('agreed') === 'on'
			})
		);
		if (result.status === 'invalid') {
			return refused(400, 'people', result.errors, {
				...result.values,
				people: data.getAll('person').map(String).join('|')
			});
		}
		redirect(303, back(params, 'people'));
	}
};
