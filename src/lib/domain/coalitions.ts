import { slugify } from './text';

/**
 * Slugs to try for a new coalition, most readable first: its own name, then with the names of
 * the places around it ("jose-carlos-mariategui-villa-maria-del-triunfo"), then numbered.
 */
export function coalitionSlugCandidates(name: string, placeNames: string[]): string[] {
	const base = slugify(name) || 'coalicion';
	const out = [base];
	let acc = base;
	for (const place of [...placeNames].reverse()) {
		const part = slugify(place);
		if (!part || acc.includes(part)) continue;
		acc = `${acc}-${part}`;
		out.push(acc);
	}
	for (let i = 2; i <= 50; i++) out.push(`${acc}-${i}`);
	return out;
}

/** Fills {name}-style placeholders; unknown ones are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
