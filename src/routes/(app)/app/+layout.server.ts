import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { href, locale } from '$lib/i18n';
import { db } from '$lib/server';
import { workspaceNetwork } from '$lib/server/workspace/service';

export const load: LayoutServerLoad = async ({ locals, url, cookies }) => {
	if (!locals.actor) {
		redirect(303, `${href('/login')}?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const wanted = url.searchParams.get('network') ?? cookies.get('minka_network');
	const network = await workspaceNetwork(db, locals.actor, locale(), wanted);
	if (!network) error(403, 'no_role');
	if (wanted !== network.slug) {
		cookies.set('minka_network', network.slug, { path: '/', httpOnly: true, sameSite: 'lax' });
	}
	return {
		workspace: network,
		me: { name: locals.actor.name, email: locals.actor.email }
	};
};
