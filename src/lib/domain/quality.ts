import type { GoalMetric } from './network';
import { effectiveCoordinates, nearestOfKind, placePath, type PlaceNode } from './places';

export interface QualityPhase {
	id: string;
	number: number;
	name: string;
	goals: { metric: GoalMetric; target: number; byYear: number | null; sourceText: string | null }[];
	targetPlaceIds: string[];
}

export interface QualityCoalition {
	id: string;
	name: string;
	placeId: string;
	phaseId: string | null;
	phaseInferred: boolean;
	status: string;
}

export type QualityFinding =
	| {
			code: 'goal_differs';
			phaseNumber: number;
			phaseName: string;
			metric: GoalMetric;
			stated: number;
			recorded: number;
			byYear: number | null;
			sourceText: string | null;
	  }
	| {
			code: 'target_place_without_coalitions';
			phaseNumber: number;
			phaseName: string;
			placeName: string;
	  }
	| { code: 'phase_inferred'; phaseNumber: number; phaseName: string; coalitionName: string }
	| { code: 'coalition_without_phase'; coalitionName: string }
	| { code: 'missing_coordinates'; coalitionName: string };

/** How many distinct things of a metric the coalitions cover. */
export function countMetric<P extends PlaceNode>(
	metric: GoalMetric,
	coalitions: QualityCoalition[],
	placesById: Map<string, P>
): number {
	if (metric === 'coalitions') return coalitions.length;
	const kinds =
		metric === 'districts'
			? (['district'] as const)
			: metric === 'cities'
				? (['city', 'province'] as const)
				: (['community'] as const);
	const seen = new Set<string>();
	for (const c of coalitions) {
		const path = placePath(c.placeId, placesById);
		// A metropolitan program region (Lima) lists districts directly: the region is the city.
		const found =
			nearestOfKind(path, [...kinds]) ??
			(metric === 'cities' && path[0]?.kind === 'program_region' ? path[0] : undefined);
		if (found) seen.add(found.id);
	}
	return seen.size;
}

/**
 * Compares what the program says (phase goals, target places) with what the registry records, so
 * a difference is listed instead of silently "fixed" in either direction.
 */
export function checkNetworkData<P extends PlaceNode>(input: {
	phases: QualityPhase[];
	places: P[];
	coalitions: QualityCoalition[];
}): QualityFinding[] {
	const placesById = new Map(input.places.map((p) => [p.id, p]));
	const live = input.coalitions.filter((c) => c.status !== 'archived');
	const findings: QualityFinding[] = [];
	const phases = [...input.phases].sort((a, b) => a.number - b.number);

	for (const phase of phases) {
		const inPhase = live.filter((c) => c.phaseId === phase.id);
		for (const goal of phase.goals) {
			const recorded = countMetric(goal.metric, inPhase, placesById);
			if (recorded !== goal.target) {
				findings.push({
					code: 'goal_differs',
					phaseNumber: phase.number,
					phaseName: phase.name,
					metric: goal.metric,
					stated: goal.target,
					recorded,
					byYear: goal.byYear,
					sourceText: goal.sourceText
				});
			}
		}
		for (const targetId of phase.targetPlaceIds) {
			const target = placesById.get(targetId);
			if (!target) continue;
			const covered = inPhase.some((c) =>
				placePath(c.placeId, placesById).some((p) => p.id === targetId)
			);
			if (!covered) {
				findings.push({
					code: 'target_place_without_coalitions',
					phaseNumber: phase.number,
					phaseName: phase.name,
					placeName: target.name
				});
			}
		}
		for (const c of inPhase.filter((c) => c.phaseInferred)) {
			findings.push({
				code: 'phase_inferred',
				phaseNumber: phase.number,
				phaseName: phase.name,
				coalitionName: c.name
			});
		}
	}
	const phaseIds = new Set(input.phases.map((p) => p.id));
	for (const c of live) {
		if (!c.phaseId || !phaseIds.has(c.phaseId)) {
			findings.push({ code: 'coalition_without_phase', coalitionName: c.name });
		}
		if (!effectiveCoordinates(placePath(c.placeId, placesById))) {
			findings.push({ code: 'missing_coordinates', coalitionName: c.name });
		}
	}
	return findings;
}
