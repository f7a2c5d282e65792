import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { NotFoundError } from '$lib/server/errors';
import { storyPage } from '$lib/server/public/service';

export const load: PageServerLoad = async ({ params }) => {
	try {
		return { story: await storyPage(db, locale(), params.slug) };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'not_found');
		throw e;
	}
};
