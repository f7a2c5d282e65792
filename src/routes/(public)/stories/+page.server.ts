import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { storiesPage } from '$lib/server/public/service';

export const load: PageServerLoad = async () => {
	return { stories: await storiesPage(db, locale()) };
};
