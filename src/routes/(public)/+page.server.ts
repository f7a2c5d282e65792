import type { PageServerLoad } from './$types';
import { href, locale } from '$lib/i18n';
import { db } from '$lib/server';
import { programPage } from '$lib/server/public/service';

export const load: PageServerLoad = async () => {
	return {
		page: await programPage(db, locale(), { hrefFor: (slug) => href(`/coalitions/${slug}`) })
	};
};
