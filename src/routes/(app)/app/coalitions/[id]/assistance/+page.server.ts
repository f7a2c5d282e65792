import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import {
	addFollowup,
	createContact,
	listContacts,
	updateContact,
	updateFollowup
} from '$lib/server/assistance/service';
import { orNotFound } from '$lib/server/http/errors';
import { trainingsForCoalition } from '$lib/server/trainings/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		log: await orNotFound(() => listContacts(db, locals.actor, params.id)),
		trainings: await orNotFound(() => trainingsForCoalition(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

const done = (coalitionId: string, anchor: string) =>
	redirect(303, href(`/app/coalitions/${coalitionId}/assistance?saved=1#${anchor}`));

export const actions: Actions = {
	createContact: async ({ locals, params, request }) => {
		const form = formRecord(await request.formData());
		const result = await orNotFound(() => createContact(db, locals.actor, params.id, form));
		if (result.status === 'invalid') {
			return fail(400, {
				action: 'createContact',
				id: '',
				errors: result.errors,
				values: result.values
			});
		}
		done(params.id, `contact-${result.id}`);
	},
	updateContact: async ({ locals, params, request }) => {
		const { contactId = '', ...form } = formRecord(await request.formData());
		const result = await orNotFound(() => updateContact(db, locals.actor, contactId, form));
		if (result.status === 'invalid') {
			return fail(400, {
				action: 'updateContact',
				id: contactId,
				errors: result.errors,
				values: result.values
			});
		}
		if (result.status === 'stale') {
			return fail(409, {
				action: 'updateContact',
				id: contactId,
				stale: true,
				values: result.values
			});
		}
		done(params.id, `contact-${contactId}`);
	},
	addFollowup: async ({ locals, params, request }) => {
		const { contactId = '', ...form } = formRecord(await request.formData());
		const result = await orNotFound(() => addFollowup(db, locals.actor, contactId, form));
		if (result.status === 'invalid') {
			return fail(400, {
				action: 'addFollowup',
				id: contactId,
				errors: result.errors,
				values: result.values
			});
		}
		done(params.id, `contact-${contactId}`);
	},
	updateFollowup: async ({ locals, params, request }) => {
		const { followupId = '', ...form } = formRecord(await request.formData());
		const result = await orNotFound(() => updateFollowup(db, locals.actor, followupId, form));
		if (result.status === 'invalid') {
			return fail(400, {
				action: 'updateFollowup',
				id: followupId,
				errors: result.errors,
				values: result.values
			});
		}
		if (result.status === 'stale') {
			return fail(409, {
				action: 'updateFollowup',
				id: followupId,
				stale: true,
				values: result.values
			});
		}
		done(params.id, `followup-${followupId}`);
	}
};
