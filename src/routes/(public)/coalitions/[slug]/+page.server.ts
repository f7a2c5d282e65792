import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { href, locale } from '$lib/i18n';
import { db } from '$lib/server';
import { NotFoundError } from '$lib/server/errors';
import { coalitionProfile } from '$lib/server/public/service';

export const load: PageServerLoad = async ({ params }) => {
	try {
		return {
			profile: await coalitionProfile(db, locale(), params.slug, (slug) =>
				href(`/coalitions/${slug}`)
			)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'not_found');
		throw e;
	}
};
