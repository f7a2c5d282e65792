import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	addNote,
	assignMessage,
	messageForView,
	setMessageStatus,
	type MessageWriteResult
} from '$lib/server/messages/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	return {
		record: await orNotFound(() => messageForView(db, locals.actor, params.id)),
		saved: url.searchParams.has('saved')
	};
};

type Write = typeof setMessageStatus;

/** One action per form; the failed form's name comes back so only its errors are shown. */
function action(name: 'status' | 'assign' | 'note', write: Write) {
	return async ({
		locals,
		params,
		request
	}: {
		locals: App.Locals;
		params: { id: string };
		request: Request;
	}) => {
		const form = formRecord(await request.formData());
		const result: MessageWriteResult = await orNotFound(() =>
			write(db, locals.actor, params.id, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { form: name, errors: result.errors, values: result.values });
		}
		redirect(303, href(`/app/messages/${params.id}?saved=1`));
	};
}

export const actions: Actions = {
	status: action('status', setMessageStatus),
	assign: action('assign', assignMessage),
	note: action('note', addNote)
};
