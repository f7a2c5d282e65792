import type { RequestHandler } from './$types';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import { storyPhotoFile } from '$lib/server/planning/story-photos';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const photo = await orNotFound(() => storyPhotoFile(db, locals.actor, params.photoId));
	const headers = {
		'Content-Type': photo.mimeType,
		ETag: photo.etag,
		// The bytes under an id never change, so browsers keep a published photo for an hour; a CDN
		// checks back every minute so unpublishing takes the photo down quickly. An unpublished
		// story's photos are private and re-checked on every view.
		'Cache-Control': photo.isPublic ? 'public, max-age=3600, s-maxage=60' : 'private, no-cache'
	};
	if (request.headers.get('if-none-match') === photo.etag) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(photo.bytes, {
		headers: { ...headers, 'Content-Length': String(photo.bytes.length) }
	});
};
