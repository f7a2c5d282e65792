/**
 * A small seeded PRNG (mulberry32) and the draws the generator needs. Seeded, so the same
 * `--seed` makes the same network on every machine and both databases.
 */
export interface Random {
	/** uniform in [0, 1) */
	next(): number;
	/** integer in [min, max] */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(list: readonly T[]): T;
	/** `count` different elements of `list`, in random order */
	sample<T>(list: readonly T[], count: number): T[];
	/** a version-4-shaped UUID, so generated ids look like the app's own */
	uuid(): string;
}

/** FNV-1a, to turn a seed and a name into a 32-bit PRNG seed. */
export function hashSeed(...parts: (string | number)[]): number {
	let h = 0x811c9dc5;
	for (const ch of parts.join('\u0000')) {
		h ^= ch.codePointAt(0)!;
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRandom(seed: number): Random {
	let state = seed | 0;
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const word = () => Math.floor(next() * 4294967296) >>> 0;
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick: (list) => list[Math.floor(next() * list.length)],
		sample: (list, count) => {
			const copy = [...list];
			const n = Math.min(count, copy.length);
			for (let i = 0; i < n; i++) {
				const j = i + Math.floor(next() * (copy.length - i));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy.slice(0, n);
		},
		uuid: () => {
			const b = [word(), word(), word(), word()].flatMap((w) => [
				w >>> 24,
				(w >>> 16) & 0xff,
				(w >>> 8) & 0xff,
				w & 0xff
			]);
			b[6] = (b[6] & 0x0f) | 0x40;
			b[8] = (b[8] & 0x3f) | 0x80;
			const h = b.map((x) => HEX[x]);
			return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
		}
	};
}
