/** Data shaping for the network growth chart, kept pure so it can be tested without rendering. */

export interface GrowthEntry {
	year: number;
	phaseId: string;
	/** Coalitions founded that year in that phase. */
	count: number;
}

export interface GrowthPhase {
	id: string;
	label: string;
	color: string;
	startYear: number;
}

export interface GrowthRow {
	year: number;
	/** One entry per known phase (zero when none), plus any phase id the series mentions. */
	counts: Record<string, number>;
	total: number;
	cumulative: number;
}

export interface StackSegment {
	phaseId: string;
	y0: number;
	y1: number;
}

/**
 * One row per year from the first to the last year in the series, with the gaps filled with
 * zeros so the bars sit on a continuous time axis. Entries for a phase missing from `phases` still
 * count towards the totals, so the cumulative line never under-reports the network.
 */
export function growthRows(series: GrowthEntry[], phases: GrowthPhase[]): GrowthRow[] {
	if (series.length === 0) return [];
	const years = series.map((e) => e.year);
	const first = Math.min(...years);
	const last = Math.max(...years);
	const byYear = new Map<number, Record<string, number>>();
	for (let year = first; year <= last; year++) {
		byYear.set(year, Object.fromEntries(phases.map((p) => [p.id, 0])));
	}
	for (const e of series) {
		const counts = byYear.get(e.year)!;
		counts[e.phaseId] = (counts[e.phaseId] ?? 0) + e.count;
	}
	let cumulative = 0;
	return [...byYear].map(([year, counts]) => {
		const total = Object.values(counts).reduce((a, b) => a + b, 0);
		cumulative += total;
		return { year, counts, total, cumulative };
	});
}

/** Bottom-to-top segments of one year's bar, in the order of `phaseIds`, skipping empty ones. */
export function stack(row: GrowthRow, phaseIds: string[]): StackSegment[] {
	const order = [...phaseIds, ...Object.keys(row.counts).filter((id) => !phaseIds.includes(id))];
	const segments: StackSegment[] = [];
	let y0 = 0;
	for (const phaseId of order) {
		const n = row.counts[phaseId] ?? 0;
		if (n <= 0) continue;
		segments.push({ phaseId, y0, y1: y0 + n });
		y0 += n;
	}
	return segments;
}

/** Years to label on the axis: all of them when they fit, otherwise every n-th, ending on the last. */
export function yearTicks(years: number[], maxTicks: number): number[] {
	if (years.length <= maxTicks) return years;
	const step = Math.ceil(years.length / Math.max(1, maxTicks));
	return years.filter((_, i) => (years.length - 1 - i) % step === 0);
}
