import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server';
import { networkSummary } from '$lib/server/networks/service';

export const load: PageServerLoad = async () => {
	return { summary: await networkSummary(db, getLocale()) };
};
