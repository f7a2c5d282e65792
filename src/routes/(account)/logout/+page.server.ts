import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { href } from '$lib/i18n';
import { auth } from '$lib/server';

export const load: PageServerLoad = async () => redirect(303, href('/app'));

export const actions: Actions = {
	default: async ({ request }) => {
		await auth.api.signOut({ headers: request.headers });
		redirect(303, href('/login'));
	}
};
