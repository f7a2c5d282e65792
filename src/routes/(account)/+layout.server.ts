import type { LayoutServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { siteHeader } from '$lib/server/public/service';

export const load: LayoutServerLoad = async () => {
	return { site: await siteHeader(db, locale()) };
};
