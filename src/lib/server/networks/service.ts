import { localized, type GoalMetric, type Locale, type PlaceKind } from '$lib/domain/network';
import { effectiveCoordinates, placePath, type PlaceNode } from '$lib/domain/places';
import { checkNetworkData, type QualityFinding } from '$lib/domain/quality';
import type { Db } from '../db';
import { listCoalitions, type Coalition } from '../coalitions/queries';
import {
	findDefaultNetwork,
	findNetworkBySlug,
	listPartnerRoles,
	listPhaseGoals,
	listPhasePlaces,
	listPhases,
	type Network
} from './queries';
import { listPlaces, type Place } from '../places/queries';
import { NetworkNotFoundError } from '../errors';

/** Everything about a network that is public, loaded once and joined in memory (it is small). */
export interface NetworkRegistry {
	network: Network;
	places: Place[];
	placesById: Map<string, Place>;
	nodesById: Map<string, PlaceNode>;
	phases: Awaited<ReturnType<typeof listPhases>>;
	goals: Awaited<ReturnType<typeof listPhaseGoals>>;
	phasePlaces: Awaited<ReturnType<typeof listPhasePlaces>>;
	partnerRoles: Awaited<ReturnType<typeof listPartnerRoles>>;
	coalitions: Coalition[];
}

export async function loadRegistry(db: Db, slug?: string): Promise<NetworkRegistry> {
	const network = slug ? await findNetworkBySlug(db, slug) : await findDefaultNetwork(db);
	if (!network) throw new NetworkNotFoundError(slug ?? '(default)');
	const [places, phases, goals, phasePlaces, partnerRoles, coalitions] = await Promise.all([
		listPlaces(db, network.id),
		listPhases(db, network.id),
		listPhaseGoals(db, network.id),
		listPhasePlaces(db, network.id),
		listPartnerRoles(db, network.id),
		listCoalitions(db, network.id)
	]);
	return {
		network,
		places,
		placesById: new Map(places.map((p) => [p.id, p])),
		nodesById: new Map(places.map((p) => [p.id, asNode(p)])),
		phases,
		goals,
		phasePlaces,
		partnerRoles,
		coalitions
	};
}

function asNode(p: Place): PlaceNode {
	return {
		id: p.id,
		parentId: p.parent_id,
		kind: p.kind,
		name: p.name,
		nameEn: p.name_en,
		latitude: p.latitude,
		longitude: p.longitude,
		coordsApproximate: p.coords_approximate,
		sortOrder: p.sort_order
	};
}

export function pathOf(registry: NetworkRegistry, placeId: string): PlaceNode[] {
	return placePath(placeId, registry.nodesById);
}

export function dataCheckOf(registry: NetworkRegistry): QualityFinding[] {
	return checkNetworkData({
		phases: registry.phases.map((phase) => ({
			id: phase.id,
			number: phase.number,
			name: phase.name_es,
			goals: registry.goals
				.filter((g) => g.phase_id === phase.id)
				.map((g) => ({
					metric: g.metric as GoalMetric,
					target: g.target,
					byYear: g.by_year,
					sourceText: g.source_text
				})),
			targetPlaceIds: registry.phasePlaces
				.filter((pp) => pp.phase_id === phase.id)
				.map((pp) => pp.place_id)
		})),
		places: registry.places.map(asNode),
		coalitions: registry.coalitions.map((c) => ({
			id: c.id,
			name: c.name,
			placeId: c.place_id,
			phaseId: c.phase_id,
			phaseInferred: c.phase_inferred,
			status: c.status
		}))
	});
}

/** The data-quality check for a network: stated numbers against the directory, and gaps. */
export async function dataCheck(db: Db, slug: string): Promise<QualityFinding[]> {
	return dataCheckOf(await loadRegistry(db, slug));
}

export interface NetworkExport {
	network: {
		slug: string;
		name: string;
		nameEn: string | null;
		countryCode: string;
		contactEmail: string | null;
	};
	places: {
		id: string;
		parentId: string | null;
		kind: PlaceKind;
		name: string;
		nameEn: string | null;
		path: string[];
		ubigeo: string | null;
		latitude: number | null;
		longitude: number | null;
		approximate: boolean;
	}[];
	phases: {
		number: number;
		name: string;
		nameEn: string | null;
		startYear: number;
		endYear: number | null;
		goals: { metric: string; target: number; byYear: number | null; source: string | null }[];
		targetPlaces: string[];
		partners: { organization: string; role: string }[];
	}[];
	partners: {
		slug: string;
		name: string;
		kind: string;
		roles: { role: string; phase: number | null; coalition: string | null }[];
	}[];
	coalitions: {
		slug: string;
		name: string;
		status: string;
		path: string[];
		phase: number | null;
		phaseInferred: boolean;
		foundedYear: number | null;
		seededBy: string | null;
		latitude: number | null;
		longitude: number | null;
		approximate: boolean;
	}[];
}

/** The network as plain JSON: places, phases, partners and coalitions with their place paths. */
export async function exportNetwork(db: Db, slug: string): Promise<NetworkExport> {
	const r = await loadRegistry(db, slug);
	const phaseNumber = new Map(r.phases.map((p) => [p.id, p.number]));
	const coalitionSlug = new Map(r.coalitions.map((c) => [c.id, c.slug]));
	const orgs = new Map<string, NetworkExport['partners'][number]>();
	for (const role of r.partnerRoles) {
		const org = orgs.get(role.organization_slug) ?? {
			slug: role.organization_slug,
			name: role.organization_name,
			kind: role.organization_kind,
			roles: []
		};
		org.roles.push({
			role: role.role,
			phase: role.phase_id ? (phaseNumber.get(role.phase_id) ?? null) : null,
			coalition: role.coalition_id ? (coalitionSlug.get(role.coalition_id) ?? null) : null
		});
		orgs.set(org.slug, org);
	}
	const orgSlugById = new Map(
		r.partnerRoles.map((role) => [role.organization_id, role.organization_slug])
	);
	return {
		network: {
			slug: r.network.slug,
			name: r.network.name_es,
			nameEn: r.network.name_en,
			countryCode: r.network.country_code,
			contactEmail: r.network.contact_email
		},
		places: r.places.map((p) => ({
			id: p.id,
			parentId: p.parent_id,
			kind: p.kind,
			name: p.name,
			nameEn: p.name_en,
			path: pathOf(r, p.id).map((x) => x.name),
			ubigeo: p.ubigeo,
			latitude: p.latitude,
			longitude: p.longitude,
			approximate: p.coords_approximate
		})),
		phases: r.phases.map((phase) => ({
			number: phase.number,
			name: phase.name_es,
			nameEn: phase.name_en,
			startYear: phase.start_year,
			endYear: phase.end_year,
			goals: r.goals
				.filter((g) => g.phase_id === phase.id)
				.map((g) => ({
					metric: g.metric,
					target: g.target,
					byYear: g.by_year,
					source: g.source_text
				})),
			targetPlaces: r.phasePlaces
				.filter((pp) => pp.phase_id === phase.id)
				.map((pp) => r.placesById.get(pp.place_id)?.name ?? pp.place_id),
			partners: r.partnerRoles
				.filter((role) => role.phase_id === phase.id)
				.map((role) => ({ organization: role.organization_slug, role: role.role }))
		})),
		partners: [...orgs.values()],
		coalitions: r.coalitions.map((c) => {
			const path = pathOf(r, c.place_id);
			const coords = effectiveCoordinates(path);
			return {
				slug: c.slug,
				name: c.name,
				status: c.status,
				path: path.map((p) => p.name),
				phase: c.phase_id ? (phaseNumber.get(c.phase_id) ?? null) : null,
				phaseInferred: c.phase_inferred,
				foundedYear: c.founded_year,
				seededBy: c.seeded_by_coalition_id
					? (coalitionSlug.get(c.seeded_by_coalition_id) ?? null)
					: c.seeded_by_organization_id
						? (orgSlugById.get(c.seeded_by_organization_id) ?? null)
						: null,
				latitude: coords?.latitude ?? null,
				longitude: coords?.longitude ?? null,
				approximate: coords?.approximate ?? true
			};
		})
	};
}

/** For the plain home page: each top-level region with how many coalitions it holds. */
export async function networkSummary(db: Db, locale: Locale, slug?: string) {
	const r = await loadRegistry(db, slug);
	const live = r.coalitions.filter((c) => c.status !== 'archived');
	const rootOf = new Map<string, string>();
	for (const c of live) rootOf.set(c.id, pathOf(r, c.place_id)[0]?.id ?? c.place_id);
	const roots = r.places.filter((p) => p.parent_id === null);
	return {
		name: localized(r.network.name_es, r.network.name_en, locale),
		summary: localized(r.network.summary_es, r.network.summary_en, locale),
		coalitionCount: live.length,
		regions: roots.map((p) => ({
			name: localized(p.name, p.name_en, locale),
			coalitions: live.filter((c) => rootOf.get(c.id) === p.id).length
		}))
	};
}
