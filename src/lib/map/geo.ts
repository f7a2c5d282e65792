/**
 * Places coalitions on the pre-projected Peru outline (see scripts/build-map.ts). Runs wherever
 * the map component renders, normally only on the server, so it stays free of Node APIs.
 */
import { geoMercator, type GeoProjection } from 'd3-geo';
import outlineJson from './peru-outline.json';

export interface ProjectionParams {
	kind: 'mercator';
	scale: number;
	translate: [number, number];
}

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface PeruOutline {
	_generated?: string;
	source: string;
	viewBox: [number, number];
	projection: ProjectionParams;
	peru: string;
	neighbours: { id: string; name: string; d: string }[];
	lima: {
		bbox: { west: number; south: number; east: number; north: number };
		viewBox: [number, number];
		projection: ProjectionParams;
		/** Where the inset is drawn, in main-map coordinates. */
		box: Box;
		land: string;
	};
}

export interface GeoPoint {
	id: string;
	lat: number;
	lon: number;
}

export interface PlacedPoint {
	id: string;
	x: number;
	y: number;
}

export interface ProjectedPoints {
	main: PlacedPoint[];
	/** Already in main-map coordinates, inside `insetBox`. */
	inset: PlacedPoint[];
	insetBox: Box;
	/** Rectangle on the main map that the inset enlarges. */
	limaArea: Box;
}

export interface ProjectOptions {
	/** When false (e.g. a compact map without inset) Lima points stay on the main map. */
	inset?: boolean;
	/** Desired distance in pixels between neighbouring points of a spread cluster. */
	spacing?: number;
}

export const peruOutline = outlineJson as PeruOutline;

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

function projection(params: ProjectionParams): GeoProjection {
	if (params.kind !== 'mercator') throw new Error(`unsupported projection ${params.kind}`);
	return geoMercator().scale(params.scale).translate(params.translate);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function inLima(point: { lat: number; lon: number }, outline: PeruOutline): boolean {
	const { west, south, east, north } = outline.lima.bbox;
	return point.lon >= west && point.lon <= east && point.lat >= south && point.lat <= north;
}

/**
 * Greedily groups points closer than `spacing` and fans each group out on a sunflower spiral, so
 * several coalitions at one address stay visible and clickable. Works on points sorted by id, so
 * the layout does not depend on the order the database returned them in.
 */
export function spread(points: PlacedPoint[], spacing: number): PlacedPoint[] {
	const sorted = [...points].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const clusters: { x: number; y: number; members: PlacedPoint[] }[] = [];
	for (const p of sorted) {
		const home = clusters.find((c) => Math.hypot(c.x - p.x, c.y - p.y) < spacing);
		if (home) home.members.push(p);
		else clusters.push({ x: p.x, y: p.y, members: [p] });
	}
	// Nearest neighbours on a sunflower of step c sit about 1.8c apart.
	const step = spacing / 1.8;
	const placed = new Map<string, PlacedPoint>();
	for (const c of clusters) {
		if (c.members.length === 1) {
			const [p] = c.members;
			placed.set(p.id, { id: p.id, x: round1(p.x), y: round1(p.y) });
			continue;
		}
		c.members.forEach((p, k) => {
			const r = step * Math.sqrt(k + 0.5);
			const a = k * GOLDEN_ANGLE;
			placed.set(p.id, {
				id: p.id,
				x: round1(c.x + r * Math.cos(a)),
				y: round1(c.y + r * Math.sin(a))
			});
		});
	}
	return points.map((p) => placed.get(p.id)!);
}

export function projectPoints(
	points: GeoPoint[],
	outline: PeruOutline,
	{ inset = true, spacing = 8 }: ProjectOptions = {}
): ProjectedPoints {
	const main = projection(outline.projection);
	const lima = projection(outline.lima.projection);
	const box = outline.lima.box;
	const k = box.w / outline.lima.viewBox[0];

	const onMain: PlacedPoint[] = [];
	const onInset: PlacedPoint[] = [];
	for (const p of points) {
		if (inset && inLima(p, outline)) {
			const [x, y] = lima([p.lon, p.lat]) ?? [0, 0];
			onInset.push({ id: p.id, x: box.x + x * k, y: box.y + y * k });
		} else {
			const [x, y] = main([p.lon, p.lat]) ?? [0, 0];
			onMain.push({ id: p.id, x, y });
		}
	}

	const { west, south, east, north } = outline.lima.bbox;
	const [ax, ay] = main([west, north]) ?? [0, 0];
	const [bx, by] = main([east, south]) ?? [0, 0];
	return {
		main: spread(onMain, spacing),
		inset: spread(onInset, spacing),
		insetBox: box,
		limaArea: { x: round1(ax), y: round1(ay), w: round1(bx - ax), h: round1(by - ay) }
	};
}
