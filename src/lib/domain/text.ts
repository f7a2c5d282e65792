/**
 * Lowercase, accents stripped, spaces collapsed: "Tingo María" and "tingo maria" compare equal.
 * Stored next to names so both databases can search them the same way (SQLite's LIKE and lower()
 * only fold ASCII).
 */
export function normalizeForSearch(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** URL-safe slug from any name: "Nicolás de Piérola" → "nicolas-de-pierola". */
export function slugify(s: string): string {
	return normalizeForSearch(s)
		.replace(/ñ/g, 'n')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/g, '');
}

/** Edit distance, capped: used to recognise a typo such as "Costal" for "Coastal". */
export function editDistance(a: string, b: string, max = 3): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			rowMin = Math.min(rowMin, cur[j]);
		}
		if (rowMin > max) return max + 1;
		prev = cur;
	}
	return prev[b.length];
}
