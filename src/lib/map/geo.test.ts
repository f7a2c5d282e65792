import { describe, it, expect } from 'vitest';
import { inLima, peruOutline, projectPoints } from './geo';

const arequipa = { id: 'arequipa', lat: -16.4, lon: -71.54 };
const trujillo = { id: 'trujillo', lat: -8.11, lon: -79.03 };
const miraflores = { id: 'miraflores', lat: -12.12, lon: -77.03 };

function inside(p: { x: number; y: number }, b: { x: number; y: number; w: number; h: number }) {
	return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
}

describe('projectPoints', () => {
	it('sends Lima points to the inset, inside its box', () => {
		const r = projectPoints([miraflores, trujillo], peruOutline);
		expect(r.inset.map((p) => p.id)).toEqual(['miraflores']);
		expect(r.main.map((p) => p.id)).toEqual(['trujillo']);
		expect(inside(r.inset[0], r.insetBox)).toBe(true);
		expect(r.insetBox).toEqual(peruOutline.lima.box);
	});

	it('keeps every greater-Lima point in the inset, and the inset clear of Peru', () => {
		const corners = [
			{ id: 'nw', lat: -11.93, lon: -77.12 },
			{ id: 'se', lat: -12.21, lon: -76.7 }
		];
		const r = projectPoints(corners, peruOutline);
		expect(r.inset).toHaveLength(2);
		for (const p of r.inset) expect(inside(p, r.insetBox)).toBe(true);
		const a = r.limaArea;
		const b = r.insetBox;
		const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
		expect(overlap).toBe(false);
		expect(a.w).toBeGreaterThan(0);
		expect(a.h).toBeGreaterThan(0);
	});

	it('puts Arequipa south-east of Trujillo on the main map', () => {
		const r = projectPoints([arequipa, trujillo], peruOutline);
		const [a, t] = r.main;
		expect(a.x).toBeGreaterThan(t.x);
		expect(a.y).toBeGreaterThan(t.y);
		const [w, h] = peruOutline.viewBox;
		for (const p of r.main) expect(inside(p, { x: 0, y: 0, w, h })).toBe(true);
	});

	it('keeps Lima on the main map when the inset is off', () => {
		const r = projectPoints([miraflores], peruOutline, { inset: false });
		expect(r.inset).toEqual([]);
		expect(inside(r.main[0], r.limaArea)).toBe(true);
	});

	it('fans out coincident points to distinct spots within a small radius', () => {
		const same = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, lat: -8.38, lon: -74.55 }));
		const r = projectPoints(same, peruOutline);
		const [single] = projectPoints([same[0]], peruOutline).main;
		const keys = new Set(r.main.map((p) => `${p.x},${p.y}`));
		expect(keys.size).toBe(same.length);
		for (const p of r.main) expect(Math.hypot(p.x - single.x, p.y - single.y)).toBeLessThan(20);
		for (const a of r.main) {
			for (const b of r.main) {
				if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(4);
			}
		}
	});

	it('is deterministic and independent of input order', () => {
		const pts = [miraflores, ...['a', 'b', 'c'].map((id) => ({ ...miraflores, id }))];
		const one = projectPoints(pts, peruOutline);
		const two = projectPoints([...pts].reverse(), peruOutline);
		const byId = (r: typeof one) => Object.fromEntries(r.inset.map((p) => [p.id, [p.x, p.y]]));
		expect(byId(two)).toEqual(byId(one));
		expect(projectPoints(pts, peruOutline)).toEqual(one);
	});

	it('tells Lima from elsewhere', () => {
		expect(inLima(miraflores, peruOutline)).toBe(true);
		expect(inLima(arequipa, peruOutline)).toBe(false);
	});
});
