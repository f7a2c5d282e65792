import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { href, locale } from '$lib/i18n';
import { db } from '$lib/server';
import { NotFoundError } from '$lib/server/errors';
import { programPage } from '$lib/server/public/service';

export const load: PageServerLoad = async ({ params }) => {
	try {
		return {
			page: await programPage(db, locale(), {
				slug: params.network,
				hrefFor: (slug) => href(`/coalitions/${slug}`)
			})
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'not_found');
		throw e;
	}
};
