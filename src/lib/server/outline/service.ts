import { parseOutline, type OutlineNode, type OutlineProblem } from '$lib/domain/outline';
import type { PlaceKind } from '$lib/domain/network';
import { normalizeForSearch } from '$lib/domain/text';
import type { Db } from '../db';
import { freeCoalitionSlug } from '../coalitions/service';
import { insertCoalition, listCoalitions } from '../coalitions/queries';
import { NetworkNotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { findNetworkBySlug } from '../networks/queries';
import { insertPlace, listPlaces, type Place } from '../places/queries';

export interface ImportEntry {
	line: number;
	name: string;
	path: string[];
}

export interface OutlineImportReport {
	network: string;
	dryRun: boolean;
	lines: number;
	placesCreated: ImportEntry[];
	coalitionsCreated: (ImportEntry & { slug: string; phaseInferred: boolean })[];
	placesMatched: number;
	coalitionsMatched: number;
	problems: OutlineProblem[];
}

class DryRunRollback extends Error {}

function namesOf(place: Place): string[] {
	return [place.name, place.name_en ?? '', ...place.aliases.split('|')]
		.map(normalizeForSearch)
		.filter(Boolean);
}

function kindFor(depth: number, node: OutlineNode): PlaceKind {
	if (depth === 0) return 'program_region';
	if (node.children.length === 0) return 'community';
	return node.children.some((c) => c.children.length > 0) ? 'city' : 'district';
}

/**
 * Creates the places and coalitions an outline describes, matching what exists by name, English
 * name or alias, ignoring accents and case. Never deletes or renames; a second run finds
 * everything and changes nothing. Every line it had to interpret is in `problems`.
 */
export async function importOutline(
	db: Db,
	networkSlug: string,
	text: string,
	options: { dryRun?: boolean } = {}
): Promise<OutlineImportReport> {
	let report: OutlineImportReport | undefined;
	try {
		await db.transaction().execute(async (trx) => {
			report = await importInto(trx, networkSlug, text, options.dryRun ?? false);
			if (options.dryRun) throw new DryRunRollback();
		});
	} catch (e) {
		if (!(e instanceof DryRunRollback)) throw e;
	}
	return report!;
}

async function importInto(
	db: Db,
	networkSlug: string,
	text: string,
	dryRun: boolean
): Promise<OutlineImportReport> {
	const network = await findNetworkBySlug(db, networkSlug);
	if (!network) throw new NetworkNotFoundError(networkSlug);
	const places = await listPlaces(db, network.id);
	const coalitions = await listCoalitions(db, network.id);

	// Only names of containers help unglue a line; community names such as "Cercado Tocache"
	// legitimately end with a city's name.
	const knownNames = places
		.filter((p) => p.kind !== 'community')
		.flatMap((p) => [p.name, p.name_en ?? '', ...p.aliases.split('|')])
		.filter(Boolean);
	const parsed = parseOutline(text, { knownNames });

	const children = new Map<string | null, Place[]>();
	for (const p of places) {
		const list = children.get(p.parent_id) ?? [];
		list.push(p);
		children.set(p.parent_id, list);
	}
	const placesWithCoalition = new Set(coalitions.map((c) => c.place_id));
	const placesById = new Map(places.map((p) => [p.id, p]));
	const report: OutlineImportReport = {
		network: networkSlug,
		dryRun,
		lines: text.split(/\r\n|\r|\n/).length,
		placesCreated: [],
		coalitionsCreated: [],
		placesMatched: 0,
		coalitionsMatched: 0,
		problems: parsed.problems
	};
	const now = nowIso();

	const visit = async (node: OutlineNode, parent: Place | null, path: Place[], depth: number) => {
		const wanted = normalizeForSearch(node.name);
		const siblings = children.get(parent?.id ?? null) ?? [];
		let place = siblings.find((p) => namesOf(p).includes(wanted));
		if (place) {
			report.placesMatched++;
		} else {
			const created: Place = {
				id: newId(),
				network_id: network.id,
				parent_id: parent?.id ?? null,
				kind: kindFor(depth, node),
				name: node.name,
				name_en: null,
				aliases: '',
				name_search: wanted,
				ubigeo: null,
				latitude: null,
				longitude: null,
				coords_approximate: false,
				sort_order: siblings.length,
				note: null,
				archived_at: null,
				created_at: now,
				updated_at: now
			};
			await insertPlace(db, created);
			placesById.set(created.id, created);
			siblings.push(created);
			children.set(created.parent_id, siblings);
			place = created;
			report.placesCreated.push({
				line: node.line,
				name: node.name,
				path: path.map((p) => p.name)
			});
		}
		const fullPath = [...path, place];
		if (node.children.length === 0 && depth > 0) {
			if (placesWithCoalition.has(place.id)) {
				report.coalitionsMatched++;
			} else {
				await addCoalition(node, place, fullPath);
			}
		}
		for (const child of node.children) await visit(child, place, fullPath, depth + 1);
	};

	/** A new coalition takes the phase its neighbours share, marked as inferred. */
	const addCoalition = async (node: OutlineNode, place: Place, fullPath: Place[]) => {
		let phaseId: string | null = null;
		for (let i = fullPath.length - 2; i >= 0 && !phaseId; i--) {
			const underAncestor = coalitions.filter((c) =>
				placeIsUnder(c.place_id, fullPath[i].id, placesById)
			);
			const phases = new Set(underAncestor.map((c) => c.phase_id).filter(Boolean));
			if (phases.size === 1) phaseId = [...phases][0];
			if (phases.size > 1) break;
		}
		const names = fullPath.filter((p) => p.kind !== 'program_region').map((p) => p.name);
		const slug = await freeCoalitionSlug(db, node.name, names);
		const id = newId();
		await insertCoalition(db, {
			id,
			network_id: network.id,
			place_id: place.id,
			phase_id: phaseId,
			phase_inferred: phaseId !== null,
			phase_note_es: phaseId ? 'Fase deducida de las coaliciones vecinas al importar.' : null,
			phase_note_en: phaseId ? 'Phase inferred from neighbouring coalitions on import.' : null,
			name: node.name,
			name_search: normalizeForSearch(node.name),
			slug,
			founded_year: null,
			status: 'active',
			seeded_by_coalition_id: null,
			seeded_by_organization_id: null,
			description_es: null,
			description_en: null,
			created_at: now,
			updated_at: now
		});
		placesWithCoalition.add(place.id);
		report.coalitionsCreated.push({
			line: node.line,
			name: node.name,
			path: fullPath.slice(0, -1).map((p) => p.name),
			slug,
			phaseInferred: phaseId !== null
		});
	};

	for (const root of parsed.roots) await visit(root, null, [], 0);
	return report;
}

function placeIsUnder(placeId: string, ancestorId: string, byId: Map<string, Place>): boolean {
	let current = byId.get(placeId);
	const seen = new Set<string>();
	while (current && !seen.has(current.id)) {
		if (current.id === ancestorId) return true;
		seen.add(current.id);
		current = current.parent_id ? byId.get(current.parent_id) : undefined;
	}
	return false;
}
