import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { db } from '$lib/server';
import { cacheablePage } from '$lib/server/http/cache';
import { migrateToLatest } from '$lib/server/db/migrate';
import { seedDefaultIfEmpty } from '$lib/server/seed/service';

export const init: ServerInit = async () => {
	await migrateToLatest(db);
	const seeded = await seedDefaultIfEmpty(db);
	if (seeded) {
		console.log(
			`Minka: loaded the ${seeded.network} network (${seeded.coalitions} coalitions) into an empty database.`
		);
	}
};

const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

const publicPages: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const isPublicPage =
		(event.request.method === 'GET' || event.request.method === 'HEAD') &&
		event.route.id?.startsWith('/(public)') &&
		response.status === 200 &&
		response.headers.get('content-type')?.startsWith('text/html');
	return isPublicPage ? cacheablePage(event.request, response) : response;
};

export const handle = sequence(securityHeaders, handleParaglide, publicPages);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
