/**
 * Generates src/lib/map/peru-outline.json: the pre-projected outline of Peru, its neighbours and
 * a Lima inset, from Natural Earth (public domain) via the world-atlas package: 1:50m for the
 * country map, 1:10m for the Lima inset, where 1:50m has only seven vertices and no Callao.
 *
 * Regenerate with: npx tsx scripts/build-map.ts
 *
 * The output is committed so pages never parse the atlases (0.75 and 3.6 MB) at runtime. Only
 * the projection parameters are needed at runtime (src/lib/map/geo.ts rebuilds the same
 * projections from them), so points and outline always line up.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry, MultiPoint } from 'geojson';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../src/lib/map/peru-outline.json', import.meta.url));

const PERU = '604';
const NEIGHBOURS = ['218', '170', '076', '068', '152'];

const WIDTH = 400;
const HEIGHT = 520;
// Peru is fitted into this box; the extra room on the left and bottom is Pacific, which is
// where the Lima inset goes, and a little on every side shows that the neighbours continue.
const PERU_EXTENT: [[number, number], [number, number]] = [
	[40, 12],
	[WIDTH - 12, HEIGHT - 12]
];

const LIMA_BBOX = { west: -77.2, south: -12.28, east: -76.65, north: -11.85 };
const INSET_WIDTH = 200;
// Width of the inset on the main map; it sits in the bottom-left corner, in the Pacific, with
// room above it for its label.
const INSET_BOX_WIDTH = 150;
const INSET_MARGIN = 8;

// Douglas–Peucker tolerance in main-map pixels; well under the 1-decimal rounding the eye
// cannot tell, while it removes most of the 1:50m vertices.
const TOLERANCE = 0.3;

type Ring = number[][];

function round(n: number, digits: number): number {
	const k = 10 ** digits;
	return Math.round(n * k) / k;
}

function douglasPeucker(points: [number, number][], tolerance: number): boolean[] {
	const keep = new Array<boolean>(points.length).fill(false);
	keep[0] = keep[points.length - 1] = true;
	const stack: [number, number][] = [[0, points.length - 1]];
	const t2 = tolerance * tolerance;
	while (stack.length) {
		const [a, b] = stack.pop()!;
		const [ax, ay] = points[a];
		const [bx, by] = points[b];
		const dx = bx - ax;
		const dy = by - ay;
		const len2 = dx * dx + dy * dy;
		let maxD = -1;
		let index = -1;
		for (let i = a + 1; i < b; i++) {
			const [px, py] = points[i];
			let d: number;
			if (len2 === 0) {
				d = (px - ax) ** 2 + (py - ay) ** 2;
			} else {
				const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
				d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
			}
			if (d > maxD) {
				maxD = d;
				index = i;
			}
		}
		if (index >= 0 && maxD > t2) {
			keep[index] = true;
			stack.push([a, index], [index, b]);
		}
	}
	return keep;
}

/**
 * Decodes the quantised arcs and simplifies each one in projected space. Simplifying arcs rather
 * than rings keeps shared borders identical on both sides, so Peru and its neighbours never show
 * slivers or gaps along the frontier.
 */
function simplifiedTopology(topology: Topology, projection: GeoProjection): Topology {
	const { scale, translate } = topology.transform!;
	const arcs = topology.arcs.map((arc) => {
		let x = 0;
		let y = 0;
		const lonLat: Ring = arc.map(([dx, dy]) => {
			x += dx;
			y += dy;
			return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
		});
		if (lonLat.length <= 2) return lonLat;
		const projected = lonLat.map((p) => projection(p as [number, number]) ?? [0, 0]);
		const keep = douglasPeucker(projected as [number, number][], TOLERANCE);
		// A closed arc needs at least four positions to stay a valid ring.
		if (keep.filter(Boolean).length < 4 && lonLat.length >= 4) {
			keep[Math.floor(lonLat.length / 3)] = true;
			keep[Math.floor((2 * lonLat.length) / 3)] = true;
		}
		return lonLat.filter((_, i) => keep[i]);
	});
	const { transform: _transform, ...rest } = topology;
	return { ...rest, arcs } as Topology;
}

function projectionParams(projection: GeoProjection) {
	return {
		kind: 'mercator' as const,
		scale: projection.scale(),
		translate: projection.translate() as [number, number]
	};
}

/** Rounds the fitted parameters so the runtime projection, built from the JSON, is identical. */
function fixed(projection: GeoProjection): GeoProjection {
	const [tx, ty] = projection.translate();
	return projection.scale(round(projection.scale(), 3)).translate([round(tx, 3), round(ty, 3)]);
}

/** Fails the build if a change of layout would make the inset (or its label) cover Peru. */
function assertInSea(
	box: { x: number; y: number; w: number; h: number },
	peru: Feature<Geometry>,
	projection: GeoProjection
) {
	const labelSpace = 20;
	const rings =
		peru.geometry.type === 'Polygon'
			? peru.geometry.coordinates
			: peru.geometry.type === 'MultiPolygon'
				? peru.geometry.coordinates.flat()
				: [];
	for (const ring of rings) {
		for (const p of ring) {
			const [x, y] = projection(p as [number, number]) ?? [0, 0];
			if (x >= box.x && x <= box.x + box.w && y >= box.y - labelSpace && y <= box.y + box.h) {
				throw new Error(`the Lima inset overlaps Peru at ${x},${y}; move it`);
			}
		}
	}
}

async function main() {
	const load = async (name: string) =>
		JSON.parse(await readFile(require.resolve(`world-atlas/${name}`), 'utf8')) as Topology;
	const topology = await load('countries-50m.json');
	const countries = topology.objects.countries as GeometryCollection<{ name: string }>;
	const byId = (t: Topology, id: string) => {
		const geometry = (t.objects.countries as GeometryCollection<{ name: string }>).geometries.find(
			(g) => g.id === id
		);
		if (!geometry) throw new Error(`country ${id} missing from the atlas`);
		return feature(t, geometry) as Feature<Geometry, { name: string }>;
	};
	if (!countries.geometries.some((g) => g.id === PERU)) throw new Error('Peru missing');

	const peruFull = byId(topology, PERU);
	const main = fixed(geoMercator().fitExtent(PERU_EXTENT, peruFull));
	main.clipExtent([
		[0, 0],
		[WIDTH, HEIGHT]
	]);
	const path = geoPath(main).digits(1);

	const simple = simplifiedTopology(topology, main);
	const peru = path(byId(simple, PERU)) ?? '';
	const neighbours = NEIGHBOURS.map((id) => {
		const f = byId(simple, id);
		return { id, name: f.properties.name, d: path(f) ?? '' };
	}).filter((n) => n.d !== '');

	const corners: MultiPoint = {
		type: 'MultiPoint',
		coordinates: [
			[LIMA_BBOX.west, LIMA_BBOX.north],
			[LIMA_BBOX.east, LIMA_BBOX.south]
		]
	};
	const scaleProbe = geoMercator().fitWidth(INSET_WIDTH, corners);
	const [[, y0], [, y1]] = geoPath(scaleProbe).bounds(corners);
	const insetHeight = Math.round(y1 - y0);
	const inset = fixed(
		geoMercator().fitExtent(
			[
				[0, 0],
				[INSET_WIDTH, insetHeight]
			],
			corners
		)
	);
	inset.clipExtent([
		[0, 0],
		[INSET_WIDTH, insetHeight]
	]);
	const limaLand = geoPath(inset).digits(1)(byId(await load('countries-10m.json'), PERU)) ?? '';
	const boxH = round((INSET_BOX_WIDTH * insetHeight) / INSET_WIDTH, 1);
	const box = {
		x: INSET_MARGIN,
		y: round(HEIGHT - INSET_MARGIN - boxH, 1),
		w: INSET_BOX_WIDTH,
		h: boxH
	};
	assertInSea(box, peruFull, main);

	const outline = {
		_generated: 'Generated by scripts/build-map.ts; regenerate with: npx tsx scripts/build-map.ts',
		source: 'Natural Earth 1:50m and 1:10m (public domain), via world-atlas 2.0.2',
		viewBox: [WIDTH, HEIGHT],
		projection: projectionParams(main),
		peru,
		neighbours,
		lima: {
			bbox: LIMA_BBOX,
			viewBox: [INSET_WIDTH, insetHeight],
			projection: projectionParams(inset),
			box,
			land: limaLand
		}
	};

	// Tab-indented so diffs stay readable; the long path strings are single lines either way.
	const text = `${JSON.stringify(outline, null, '\t')}\n`;
	await writeFile(OUT, text);
	const pathBytes = peru.length + neighbours.reduce((n, x) => n + x.d.length, 0);
	console.log(
		`wrote ${OUT}: ${Buffer.byteLength(text)} bytes (${pathBytes} bytes of main-map path data)`
	);
}

await main();
