import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { building } from '$app/environment';
import { svelteKitHandler } from 'better-auth/svelte-kit';
import { accounts, auth, db } from '$lib/server';
import { loadActor } from '$lib/server/accounts/service';
import { migrateAuth } from '$lib/server/auth/create';
import { bearerActor } from '$lib/server/http/api';
import { cacheablePage } from '$lib/server/http/cache';
import { migrateToLatest } from '$lib/server/db/migrate';
import { seedDefaultIfEmpty } from '$lib/server/seed/service';

export const init: ServerInit = async () => {
	await migrateToLatest(db);
	await migrateAuth(auth);
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

/**
 * Who is asking. Public pages skip the lookup: they are the same for everyone and cacheable.
 * better-auth's own endpoints (/api/auth/*) are answered by its handler. The JSON API also takes
 * personal access tokens; a request with a bearer token is judged by the token alone.
 */
const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	const bearer = event.url.pathname.startsWith('/api/v1/')
		? await bearerActor(db, event.request)
		: null;
	if (bearer instanceof Response) return bearer;
	if (bearer) event.locals.actor = bearer;
	else if (!event.route.id?.startsWith('/(public)')) {
		const session = await auth.api.getSession({ headers: event.request.headers });
		if (session) event.locals.actor = await loadActor(accounts.db, session.user.id);
	}
	return svelteKitHandler({ event, resolve, auth, building });
};

export const handle = sequence(securityHeaders, handleParaglide, handleAuth, publicPages);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
