import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listAssistanceApi, oneOf } from '$lib/server/api/resources';
import { listContacts, updateContact } from '$lib/server/assistance/service';
import { NotFoundError } from '$lib/server/errors';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await oneOf(listAssistanceApi, db, actor, params.id!, params.contactId!) })
);

export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(request, async () => {
		const { contacts } = await listContacts(db, actor, params.id!);
		const contact = contacts.find((c) => c.id === params.contactId);
		if (!contact) throw new NotFoundError('contact');
		return contact.values;
	});
	if (body instanceof Response) return body;
	const result = await updateContact(db, actor, params.contactId!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listAssistanceApi, db, actor, params.id!, id),
		params.contactId
	);
});
