/**
 * What the public site shows, built from live data. Nothing personal: coalitions, places, phases,
 * partners and published stories only.
 */
import { localized, type GoalMetric, type Locale, type PlaceKind } from '$lib/domain/network';
import {
	buildPlaceTree,
	effectiveCoordinates,
	nearestOfKind,
	type PlaceNode,
	type PlaceTreeNode
} from '$lib/domain/places';
import { countMetric } from '$lib/domain/quality';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { findCoalitionBySlug } from '../coalitions/queries';
import { findCoalitionsByName } from '../coalitions/service';
import { findDefaultNetwork } from '../networks/queries';
import { loadRegistry, pathOf, type NetworkRegistry } from '../networks/service';
import { renderMarkdown } from '../stories/markdown';
import { findPublishedStory, listPublishedStories, publishedStoryPhotos } from '../stories/queries';
import { publicMemberCounts } from '../members/service';

export const PHASE_COLORS = ['#b5532f', '#2f6b4f', '#2b6f9e', '#7a5c99', '#8a6d1f'];

function phaseColor(number: number): string {
	return PHASE_COLORS[(number - 1) % PHASE_COLORS.length];
}

export async function siteHeader(db: Db, locale: Locale) {
	const network = await findDefaultNetwork(db);
	return {
		networkName: network ? localized(network.name_es, network.name_en, locale) : 'Minka'
	};
}

export interface DirectoryNode {
	id: string;
	name: string;
	kind: PlaceKind;
	coalitions: { slug: string; name: string }[];
	children: DirectoryNode[];
}

function liveCoalitions(r: NetworkRegistry) {
	return r.coalitions.filter((c) => c.status !== 'archived');
}

/** Region > city/district > community, keeping only branches that hold a coalition. */
export function directoryOf(r: NetworkRegistry, locale: Locale): DirectoryNode[] {
	const byPlace = new Map<string, { slug: string; name: string }[]>();
	for (const c of liveCoalitions(r)) {
		const list = byPlace.get(c.place_id) ?? [];
		list.push({ slug: c.slug, name: c.name });
		byPlace.set(c.place_id, list);
	}
	const convert = (node: PlaceTreeNode<PlaceNode>): DirectoryNode | null => {
		const children = node.children.map(convert).filter((n): n is DirectoryNode => n !== null);
		const coalitions = byPlace.get(node.place.id) ?? [];
		if (children.length === 0 && coalitions.length === 0) return null;
		return {
			id: node.place.id,
			name: localized(node.place.name, node.place.nameEn, locale),
			kind: node.place.kind,
			coalitions,
			children
		};
	};
	return buildPlaceTree([...r.nodesById.values()])
		.map(convert)
		.filter((n): n is DirectoryNode => n !== null);
}

function placeLabel(r: NetworkRegistry, placeId: string, locale: Locale): string {
	return pathOf(r, placeId)
		.filter((p) => p.kind !== 'program_region')
		.map((p) => localized(p.name, p.nameEn, locale))
		.reverse()
		.join(', ');
}

/** Every coalition with coordinates, as map points coloured by phase. */
function mapPoints(r: NetworkRegistry, locale: Locale, hrefFor: (slug: string) => string) {
	const phaseNumber = new Map(r.phases.map((p) => [p.id, p.number]));
	return liveCoalitions(r).flatMap((c) => {
		const coords = effectiveCoordinates(pathOf(r, c.place_id));
		if (!coords) return [];
		const number = c.phase_id ? phaseNumber.get(c.phase_id) : undefined;
		return [
			{
				id: c.slug,
				lat: coords.latitude,
				lon: coords.longitude,
				label: `${c.name} — ${placeLabel(r, c.place_id, locale)}`,
				href: hrefFor(c.slug),
				color: number ? phaseColor(number) : undefined
			}
		];
	});
}

export async function programPage(
	db: Db,
	locale: Locale,
	options: { slug?: string; hrefFor: (slug: string) => string; now?: Date }
) {
	const r = await loadRegistry(db, options.slug);
	const live = liveCoalitions(r);
	const qualityCoalitions = live.map((c) => ({
		id: c.id,
		name: c.name,
		placeId: c.place_id,
		phaseId: c.phase_id,
		phaseInferred: c.phase_inferred,
		status: c.status
	}));
	const firstYear = Math.min(...r.phases.map((p) => p.start_year));
	const year = (options.now ?? new Date()).getUTCFullYear();

	const phases = r.phases.map((phase) => {
		const inPhase = qualityCoalitions.filter((c) => c.phaseId === phase.id);
		const roles = r.partnerRoles.filter((role) => role.phase_id === phase.id);
		return {
			id: phase.id,
			number: phase.number,
			name: localized(phase.name_es, phase.name_en, locale),
			startYear: phase.start_year,
			endYear: phase.end_year,
			summary: localized(phase.summary_es, phase.summary_en, locale),
			color: phaseColor(phase.number),
			coalitions: inPhase.length,
			inferred: inPhase.filter((c) => c.phaseInferred).length,
			partners: roles.map((role) => ({
				name: role.organization_short_name ?? role.organization_name,
				fullName: role.organization_name,
				role: role.role
			})),
			places: r.phasePlaces
				.filter((pp) => pp.phase_id === phase.id)
				.map((pp) => r.placesById.get(pp.place_id))
				.filter((p) => p !== undefined)
				.map((p) => localized(p.name, p.name_en, locale)),
			goals: r.goals
				.filter((g) => g.phase_id === phase.id)
				.map((g) => ({
					metric: g.metric as GoalMetric,
					stated: g.target,
					byYear: g.by_year,
					recorded: countMetric(g.metric as GoalMetric, inPhase, r.nodesById)
				}))
		};
	});

	const phaseStart = new Map(r.phases.map((p) => [p.id, p.start_year]));
	const perYear = new Map<string, { year: number; phaseId: string; count: number }>();
	let estimatedYears = 0;
	for (const c of live) {
		const y = c.founded_year ?? (c.phase_id ? phaseStart.get(c.phase_id) : undefined);
		if (y === undefined) continue;
		if (c.founded_year === null) estimatedYears++;
		const key = `${y}:${c.phase_id ?? ''}`;
		const entry = perYear.get(key) ?? { year: y, phaseId: c.phase_id ?? '', count: 0 };
		entry.count++;
		perYear.set(key, entry);
	}

	const stories = await listPublishedStories(db, r.network.id, { limit: 3 });
	const rootIds = new Set(
		live.map((c) => pathOf(r, c.place_id)[0]?.id).filter((id): id is string => Boolean(id))
	);

	return {
		network: {
			slug: r.network.slug,
			name: localized(r.network.name_es, r.network.name_en, locale),
			summary: localized(r.network.summary_es, r.network.summary_en, locale),
			isDefault: r.network.is_default
		},
		numbers: {
			coalitions: live.length,
			districts: countMetric('districts', qualityCoalitions, r.nodesById),
			cities: countMetric('cities', qualityCoalitions, r.nodesById),
			regions: rootIds.size,
			firstYear: Number.isFinite(firstYear) ? firstYear : null,
			yearsActive: Number.isFinite(firstYear) ? year - firstYear : 0
		},
		phases,
		growth: {
			series: [...perYear.values()].sort((a, b) => a.year - b.year),
			phases: phases.map((p) => ({
				id: p.id,
				label: p.name,
				color: p.color,
				startYear: p.startYear
			})),
			estimatedYears
		},
		mapPoints: mapPoints(r, locale, options.hrefFor),
		directory: directoryOf(r, locale),
		stories: stories.map((s) => ({
			slug: s.slug,
			title: localized(s.title_es, s.title_en, locale),
			summary: localized(s.summary_es, s.summary_en, locale),
			publishedAt: s.published_at,
			coalition: s.coalition_slug ? { slug: s.coalition_slug, name: s.coalition_name! } : null
		}))
	};
}

export type ProgramPage = Awaited<ReturnType<typeof programPage>>;

/** The directory page: the whole tree, or the coalitions whose name matches a search. */
export async function directoryPage(db: Db, locale: Locale, query: string) {
	const r = await loadRegistry(db);
	const term = query.trim().slice(0, 100);
	const matches = term
		? (await findCoalitionsByName(db, r.network.id, term))
				.filter((c) => c.status !== 'archived')
				.map((c) => ({ slug: c.slug, name: c.name, place: placeLabel(r, c.place_id, locale) }))
		: null;
	return {
		networkName: localized(r.network.name_es, r.network.name_en, locale),
		count: liveCoalitions(r).length,
		query: term,
		matches,
		directory: directoryOf(r, locale)
	};
}

export async function coalitionProfile(
	db: Db,
	locale: Locale,
	slug: string,
	hrefFor: (slug: string) => string
) {
	const coalition = await findCoalitionBySlug(db, slug);
	if (!coalition || coalition.status === 'archived') throw new NotFoundError('coalition');
	const r = await loadRegistryById(db, coalition.network_id);
	const path = pathOf(r, coalition.place_id);
	const phase = r.phases.find((p) => p.id === coalition.phase_id);
	const coords = effectiveCoordinates(path);
	const partnerNames = new Map<string, { name: string; fullName: string; roles: Set<string> }>();
	for (const role of r.partnerRoles) {
		if (
			role.coalition_id !== coalition.id &&
			!(role.phase_id && role.phase_id === coalition.phase_id && !role.coalition_id)
		)
			continue;
		const entry = partnerNames.get(role.organization_id) ?? {
			name: role.organization_short_name ?? role.organization_name,
			fullName: role.organization_name,
			roles: new Set<string>()
		};
		entry.roles.add(role.role);
		partnerNames.set(role.organization_id, entry);
	}
	const seededBy = coalition.seeded_by_coalition_id
		? r.coalitions.find((c) => c.id === coalition.seeded_by_coalition_id)
		: undefined;
	const seededByOrg = coalition.seeded_by_organization_id
		? r.partnerRoles.find((role) => role.organization_id === coalition.seeded_by_organization_id)
		: undefined;
	const seeded = r.coalitions.filter(
		(c) => c.seeded_by_coalition_id === coalition.id && c.status !== 'archived'
	);
	const stories = await listPublishedStories(db, r.network.id, { coalitionId: coalition.id });
	const members = await publicMemberCounts(db, coalition.id);
	const district = nearestOfKind(path, ['district', 'city']);
	const neighbours = district
		? liveCoalitions(r)
				.filter(
					(c) => c.id !== coalition.id && pathOf(r, c.place_id).some((p) => p.id === district.id)
				)
				.map((c) => ({ slug: c.slug, name: c.name }))
		: [];

	return {
		network: {
			name: localized(r.network.name_es, r.network.name_en, locale),
			isDefault: r.network.is_default,
			slug: r.network.slug
		},
		coalition: {
			slug: coalition.slug,
			name: coalition.name,
			status: coalition.status,
			description: localized(coalition.description_es, coalition.description_en, locale),
			foundedYear: coalition.founded_year,
			path: path.map((p) => ({ name: localized(p.name, p.nameEn, locale), kind: p.kind })),
			place: placeLabel(r, coalition.place_id, locale),
			phase: phase
				? {
						number: phase.number,
						name: localized(phase.name_es, phase.name_en, locale),
						startYear: phase.start_year,
						endYear: phase.end_year,
						color: phaseColor(phase.number),
						inferred: coalition.phase_inferred,
						note: coalition.phase_inferred
							? localized(coalition.phase_note_es, coalition.phase_note_en, locale)
							: ''
					}
				: null,
			partners: [...partnerNames.values()].map((p) => ({
				name: p.name,
				fullName: p.fullName,
				roles: [...p.roles]
			})),
			seededBy: seededBy
				? { kind: 'coalition' as const, name: seededBy.name, slug: seededBy.slug }
				: seededByOrg
					? {
							kind: 'organization' as const,
							name: seededByOrg.organization_short_name ?? seededByOrg.organization_name,
							slug: null
						}
					: null,
			seeded: seeded.map((c) => ({ slug: c.slug, name: c.name })),
			coordinates: coords,
			neighbours,
			districtName: district ? localized(district.name, district.nameEn, locale) : null,
			// Only counts: the public never sees who the members are.
			members
		},
		// The small map locates this coalition only; the network map is on the program page.
		mapPoints: mapPoints(r, locale, hrefFor).filter((p) => p.id === coalition.slug),
		stories: stories.map((s) => ({
			slug: s.slug,
			title: localized(s.title_es, s.title_en, locale),
			summary: localized(s.summary_es, s.summary_en, locale),
			publishedAt: s.published_at
		}))
	};
}

async function loadRegistryById(db: Db, networkId: string): Promise<NetworkRegistry> {
	const row = await db
		.selectFrom('network')
		.select('slug')
		.where('id', '=', networkId)
		.executeTakeFirstOrThrow();
	return loadRegistry(db, row.slug);
}

export async function storiesPage(db: Db, locale: Locale) {
	const r = await loadRegistry(db);
	const stories = await listPublishedStories(db, r.network.id);
	return stories.map((s) => ({
		slug: s.slug,
		title: localized(s.title_es, s.title_en, locale),
		summary: localized(s.summary_es, s.summary_en, locale),
		publishedAt: s.published_at,
		coalition: s.coalition_slug ? { slug: s.coalition_slug, name: s.coalition_name! } : null
	}));
}

export async function storyPage(db: Db, locale: Locale, slug: string) {
	const story = await findPublishedStory(db, slug);
	if (!story) throw new NotFoundError('story');
	const photos = await publishedStoryPhotos(db, story.id);
	// The story is shown in the visitor's language when it exists; otherwise in the other one,
	// marked with its own lang attribute.
	const hasOwn = locale === 'en' ? Boolean(story.title_en) : Boolean(story.title_es);
	return {
		slug: story.slug,
		title: localized(story.title_es, story.title_en, locale),
		summary: localized(story.summary_es, story.summary_en, locale),
		/** sanitized HTML (stories/markdown.ts): raw HTML escaped, web and e-mail links only */
		html: renderMarkdown(localized(story.body_es, story.body_en, locale)),
		lang: hasOwn ? locale : locale === 'en' ? 'es' : 'en',
		publishedAt: story.published_at,
		coalition: story.coalition_slug
			? { slug: story.coalition_slug, name: story.coalition_name! }
			: null,
		photos: photos.map((p) => ({
			src: `/media/story-photos/${p.id}`,
			width: p.width,
			height: p.height,
			alt: localized(p.alt_es, p.alt_en, locale),
			caption: localized(p.caption_es, p.caption_en, locale)
		}))
	};
}
