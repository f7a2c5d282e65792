import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { directoryPage } from '$lib/server/public/service';

export const load: PageServerLoad = async ({ url }) => {
	return { directory: await directoryPage(db, locale(), url.searchParams.get('q') ?? '') };
};
