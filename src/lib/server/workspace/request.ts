import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/access';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { workspaceNetwork } from './service';

/**
 * The workspace network for a form action (actions have no parent() to ask the layout), chosen
 * the same way the layout chooses it.
 */
export async function workspaceNetworkId(
	actor: Actor | null,
	cookieSlug?: string
): Promise<string> {
	if (!actor) error(404, 'not_found');
	const network = await workspaceNetwork(db, actor, locale(), cookieSlug);
	if (!network) error(404, 'not_found');
	return network.id;
}
