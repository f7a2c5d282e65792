/**
 * Who may do what. Pure rules over an actor's role grants; services call these before every read
 * and write, and answer "not found" when they say no, so a record outside your scope looks
 * exactly like one that does not exist.
 */

export const ROLES = ['network_admin', 'partner_staff', 'coordinator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
	role: Role;
	networkId: string;
	organizationId: string | null;
	coalitionId: string | null;
}

export interface Actor {
	userId: string;
	name: string;
	email: string;
	grants: Grant[];
}

/** What the rules need to know about a coalition. */
export interface CoalitionScope {
	id: string;
	networkId: string;
	/** organizations that support it: roles on the coalition or its phase, or that started it */
	supportingOrganizationIds: string[];
}

export function isNetworkAdmin(actor: Actor | null, networkId: string): boolean {
	return Boolean(
		actor?.grants.some((g) => g.role === 'network_admin' && g.networkId === networkId)
	);
}

/** Any role in the network lets you into its workspace. */
export function canEnterNetwork(actor: Actor | null, networkId: string): boolean {
	return Boolean(actor?.grants.some((g) => g.networkId === networkId));
}

/** Places, phases and partners are the network's structure: administrators edit them. */
export function canEditStructure(actor: Actor | null, networkId: string): boolean {
	return isNetworkAdmin(actor, networkId);
}

export function canEditCoalition(actor: Actor | null, coalition: CoalitionScope): boolean {
	if (!actor) return false;
	return actor.grants.some(
		(g) =>
			g.networkId === coalition.networkId &&
			(g.role === 'network_admin' ||
				(g.role === 'coordinator' && g.coalitionId === coalition.id) ||
				(g.role === 'partner_staff' &&
					g.organizationId !== null &&
					coalition.supportingOrganizationIds.includes(g.organizationId)))
	);
}

/** Viewers read every coalition's registry entry (no personal data lives there). */
export function canViewCoalition(actor: Actor | null, coalition: CoalitionScope): boolean {
	return (
		canEditCoalition(actor, coalition) ||
		Boolean(actor?.grants.some((g) => g.role === 'viewer' && g.networkId === coalition.networkId))
	);
}

/** New coalitions are registered by administrators and by partner staff (for their organization). */
export function canCreateCoalition(actor: Actor | null, networkId: string): boolean {
	return Boolean(
		actor?.grants.some(
			(g) => g.networkId === networkId && (g.role === 'network_admin' || g.role === 'partner_staff')
		)
	);
}

/**
 * Contact messages hold a visitor's name and e-mail: administrators see them all; coordinators
 * and partner staff see those about a coalition they may edit; viewers see none.
 */
export function canReadMessage(
	actor: Actor | null,
	networkId: string,
	coalition: CoalitionScope | null
): boolean {
	if (isNetworkAdmin(actor, networkId)) return true;
	return coalition !== null && canEditCoalition(actor, coalition);
}

/** The coalitions (ids) an actor's coordinator grants name directly. */
export function coordinatedCoalitionIds(actor: Actor | null, networkId: string): string[] {
	return (actor?.grants ?? [])
		.filter((g) => g.role === 'coordinator' && g.networkId === networkId && g.coalitionId)
		.map((g) => g.coalitionId as string);
}

export function partnerOrganizationIds(actor: Actor | null, networkId: string): string[] {
	return (actor?.grants ?? [])
		.filter((g) => g.role === 'partner_staff' && g.networkId === networkId && g.organizationId)
		.map((g) => g.organizationId as string);
}

/** Networks the actor works in, in grant order (the first is where /app lands). */
export function actorNetworkIds(actor: Actor | null): string[] {
	return [...new Set((actor?.grants ?? []).map((g) => g.networkId))];
}

/**
 * Names, contacts and ages of a coalition's people: only those who may edit the coalition see
 * them. Viewers and everyone else get counts.
 */
export function canSeePersonalData(actor: Actor | null, coalition: CoalitionScope): boolean {
	return canEditCoalition(actor, coalition);
}

/**
 * The hub's side of the work: approving planning products, writing review comments and logging
 * technical assistance are for administrators and the staff of a partner that supports the
 * coalition — not for the coalition's own coordinators, who submit and read.
 */
export function canActAsHub(actor: Actor | null, coalition: CoalitionScope): boolean {
	if (isNetworkAdmin(actor, coalition.networkId)) return true;
	return Boolean(
		actor?.grants.some(
			(g) =>
				g.role === 'partner_staff' &&
				g.networkId === coalition.networkId &&
				g.organizationId !== null &&
				coalition.supportingOrganizationIds.includes(g.organizationId)
		)
	);
}

/** Training events are the network's: administrators and partner staff organize them. */
export function canManageTrainings(actor: Actor | null, networkId: string): boolean {
	return Boolean(
		actor?.grants.some(
			(g) => g.networkId === networkId && (g.role === 'network_admin' || g.role === 'partner_staff')
		)
	);
}
