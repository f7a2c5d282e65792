import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/access';
import { locale } from '$lib/i18n';
import { db } from '$lib/server';
import { NotFoundError } from '../errors';
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

/**
 * The same choice for the JSON API: the network named by `?network=` or the workspace cookie.
 * Throws NotFoundError, which the API answers in its own error shape.
 */
export async function apiNetworkId(
	actor: Actor,
	url: URL,
	cookies: { get(name: string): string | undefined }
): Promise<string> {
	const network = await workspaceNetwork(
		db,
		actor,
		locale(),
		url.searchParams.get('network') ?? cookies.get('minka_network')
	);
	if (!network) throw new NotFoundError('network');
	return network.id;
}
