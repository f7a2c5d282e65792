import {
	actorNetworkIds,
	isNetworkAdmin,
	partnerOrganizationIds,
	type Actor
} from '$lib/domain/access';
import { localToday } from '$lib/domain/assistance';
import { localized, type Locale } from '$lib/domain/network';
import { overdueFollowups } from '../assistance/service';
import { membersOpenItems } from '../members/service';
import { recentChanges } from '../audit/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { dataCheck } from '../networks/service';

/**
 * The network a workspace page works on: the one asked for (by slug) when the actor has a role
 * there, else the first network they have a role in.
 */
export async function workspaceNetwork(
	db: Db,
	actor: Actor,
	locale: Locale,
	preferredSlug?: string | null
) {
	const ids = actorNetworkIds(actor);
	if (ids.length === 0) return null;
	const networks = await db
		.selectFrom('network')
		.select(['id', 'slug', 'name_es', 'name_en'])
		.where('id', 'in', ids)
		.execute();
	const chosen =
		networks.find((n) => n.slug === preferredSlug) ?? networks.find((n) => n.id === ids[0])!;
	return {
		id: chosen.id,
		slug: chosen.slug,
		name: localized(chosen.name_es, chosen.name_en, locale),
		isAdmin: isNetworkAdmin(actor, chosen.id),
		/** administrators and partner staff review the coalitions' stories */
		reviewsStories:
			isNetworkAdmin(actor, chosen.id) || partnerOrganizationIds(actor, chosen.id).length > 0,
		others: networks
			.filter((n) => n.id !== chosen.id)
			.map((n) => ({ slug: n.slug, name: localized(n.name_es, n.name_en, locale) }))
	};
}

/** The overview: counts, what changed lately, and what needs someone's attention. */
export async function overview(
	db: Db,
	actor: Actor | null,
	networkId: string,
	today: string = localToday()
) {
	if (!actor?.grants.some((g) => g.networkId === networkId)) throw new NotFoundError('network');
	const count = async (table: 'coalition' | 'place' | 'phase', archivedToo = false) => {
		let q = db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('network_id', '=', networkId);
		if (table === 'coalition' && !archivedToo) q = q.where('status', '!=', 'archived');
		if (table === 'place' && !archivedToo) q = q.where('archived_at', 'is', null);
		return Number((await q.executeTakeFirstOrThrow()).n);
	};
	const partners = Number(
		(
			await db
				.selectFrom('partner_role')
				.select((eb) => eb.fn.count<number>('organization_id').distinct().as('n'))
				.where('network_id', '=', networkId)
				.executeTakeFirstOrThrow()
		).n
	);
	const admin = isNetworkAdmin(actor, networkId);
	const newMessages = admin
		? Number(
				(
					await db
						.selectFrom('contact_message')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('network_id', '=', networkId)
						.where('status', '=', 'new')
						.executeTakeFirstOrThrow()
				).n
			)
		: null;
	const network = await db
		.selectFrom('network')
		.select('slug')
		.where('id', '=', networkId)
		.executeTakeFirstOrThrow();
	return {
		counts: {
			coalitions: await count('coalition'),
			places: await count('place'),
			phases: await count('phase'),
			partners
		},
		newMessages,
		overdueFollowups: await overdueFollowups(db, actor, networkId, today),
		awaitingConsent: await membersOpenItems(db, actor, networkId),
		findings: admin ? await dataCheck(db, network.slug) : [],
		recent: admin ? await recentChanges(db, networkId, 10) : []
	};
}
