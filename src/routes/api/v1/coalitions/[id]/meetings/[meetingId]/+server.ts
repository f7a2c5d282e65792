import { json } from '@sveltejs/kit';
import { db } from '$lib/server';
import { listMeetingsApi, oneOf } from '$lib/server/api/resources';
import { apiRoute, patchBody, writeAnswer } from '$lib/server/http/api';
import { meetingForEdit, updateMeeting } from '$lib/server/meetings/service';
import { NotFoundError } from '$lib/server/errors';

export const GET = apiRoute(async (actor, { params }) =>
	json({ data: await oneOf(listMeetingsApi, db, actor, params.id!, params.meetingId!) })
);

export const PATCH = apiRoute(async (actor, { params, request }) => {
	const body = await patchBody(request, async () => {
		const { values } = await meetingForEdit(db, actor, params.id!, params.meetingId!);
		// Values are only there for those who may edit the meeting.
		if (!values) throw new NotFoundError('meeting');
		return values;
	});
	if (body instanceof Response) return body;
	const result = await updateMeeting(db, actor, params.id!, params.meetingId!, body);
	return writeAnswer(
		result,
		(id) => oneOf(listMeetingsApi, db, actor, params.id!, id),
		params.meetingId
	);
});
