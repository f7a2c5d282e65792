import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { outlineLeaves, parseOutline, type OutlineNode } from './outline';

const fixture = readFileSync(
	new URL('../../../tests/fixtures/peru-directory.txt', import.meta.url),
	'utf8'
);

/** Compact view of a tree: "name" for leaves, { name: [...] } otherwise. */
type Shape = string | { [name: string]: Shape[] };
function shape(nodes: OutlineNode[]): Shape[] {
	return nodes.map((n) => (n.children.length ? { [n.name]: shape(n.children) } : n.name));
}

function child(nodes: OutlineNode[], name: string): OutlineNode {
	const found = nodes.find((n) => n.name === name);
	if (!found)
		throw new Error(`no child named ${name} among ${nodes.map((n) => n.name).join(', ')}`);
	return found;
}

describe('parseOutline on the Peru program directory', () => {
	const { roots, problems } = parseOutline(fixture);

	it('finds the three program regions as roots', () => {
		expect(roots.map((r) => r.name)).toEqual([
			'Lima Metropolitan Area',
			'Andean Region and East of the Andes',
			'Costal Region'
		]);
		expect(roots.map((r) => r.line)).toEqual([1, 53, 70]);
	});

	it('nests districts and communities by indentation', () => {
		const lima = child(roots, 'Lima Metropolitan Area');
		expect(lima.children).toHaveLength(12);
		expect(child(lima.children, 'Callao').children).toHaveLength(6);
		expect(child(lima.children, 'San Juan de Lurigancho').children).toHaveLength(7);
		// A district may contain a community of the same name; that is not a duplicate sibling.
		expect(child(lima.children, 'El Rimac').children.map((c) => c.name)).toEqual([
			'El Rimac',
			'Manzano'
		]);

		const andes = child(roots, 'Andean Region and East of the Andes');
		expect(andes.children.map((c) => c.name)).toEqual([
			'Tingo Maria',
			'Tocache',
			'Ayacucho',
			'Pucallpa',
			'Cusco'
		]);

		const coast = child(roots, 'Costal Region');
		expect(shape(child(coast.children, 'Arequipa').children)).toEqual([
			{ 'Cerro Colorado': ['Alto Libertad', 'Cerro Viejo'] },
			{ Miraflores: ['Chapi Chico'] }
		]);
	});

	it('keeps accents, case and line numbers', () => {
		const lurigancho = child(child(roots, 'Lima Metropolitan Area').children, 'Lurigancho');
		expect(lurigancho.children).toEqual([{ line: 24, name: 'Nicolás de Piérola', children: [] }]);
		const independencia = child(child(roots, 'Lima Metropolitan Area').children, 'Independencia');
		expect(independencia.children[0].name).toBe('El Ermitaño');
	});

	it('reports nothing for the clean page', () => {
		expect(problems).toEqual([]);
	});

	it('yields every community as a leaf: 37 in Lima, 9 in the Andes, 9 on the coast', () => {
		const leaves = outlineLeaves(roots);
		expect(leaves).toHaveLength(55);
		const perRegion = new Map<string, number>();
		for (const path of leaves) {
			perRegion.set(path[0].name, (perRegion.get(path[0].name) ?? 0) + 1);
		}
		expect([...perRegion.values()]).toEqual([37, 9, 9]);
		expect(leaves[0].map((n) => n.name)).toEqual([
			'Lima Metropolitan Area',
			'Callao',
			'Callao Norte'
		]);
		expect(leaves.at(-1)?.map((n) => n.name)).toEqual([
			'Costal Region',
			'Piura',
			'Castilla',
			'Los Medanos'
		]);
	});

	it('keeps the glued line whole when no known names are given', () => {
		const lima = child(roots, 'Lima Metropolitan Area');
		const glued = child(lima.children, 'Villa Los Reyes Cercado de Lima');
		expect(glued.line).toBe(10);
		expect(glued.children.map((c) => c.name)).toEqual([
			'Conde de la Vega',
			'Mirones',
			'Barrios Altos',
			'Lima Cuadrada'
		]);
	});

	it('splits the glued line when the district is a known name', () => {
		const parsed = parseOutline(fixture, {
			knownNames: ['Callao', 'Cercado de Lima', 'La Victoria', 'Los Reyes']
		});
		const lima = child(parsed.roots, 'Lima Metropolitan Area');
		expect(lima.children).toHaveLength(12);
		expect(lima.children[1].name).toBe('Cercado de Lima');
		expect(lima.children[1].line).toBe(10);
		expect(lima.children[1].children).toHaveLength(4);
		expect(parsed.problems).toEqual([
			expect.objectContaining({
				line: 10,
				code: 'glued_name',
				text: '  • Villa Los Reyes Cercado de Lima',
				used: 'Cercado de Lima',
				ignored: 'Villa Los Reyes'
			})
		]);
		// A line that is exactly a known name is never treated as glued.
		expect(child(lima.children, 'Callao').children.at(-1)?.name).toBe('Los Reyes');
	});
});

describe('parseOutline glued names', () => {
	it('compares known names without accents or case but keeps the text as written', () => {
		const { roots, problems } = parseOutline('Region\n  • Barrio Nuevo Huánuco\n    • Centro\n', {
			knownNames: ['huanuco']
		});
		expect(roots[0].children[0].name).toBe('Huánuco');
		expect(problems).toEqual([
			expect.objectContaining({
				line: 2,
				code: 'glued_name',
				used: 'Huánuco',
				ignored: 'Barrio Nuevo'
			})
		]);
	});

	it('prefers the longest known suffix', () => {
		const { roots, problems } = parseOutline('R\n• Villa Cercado de Lima\n  • Mirones', {
			knownNames: ['Lima', 'de Lima', 'Cercado de Lima']
		});
		expect(roots[0].children[0].name).toBe('Cercado de Lima');
		expect(problems[0]).toMatchObject({ used: 'Cercado de Lima', ignored: 'Villa' });
	});

	it('leaves a line alone when its whole name is known', () => {
		const { roots, problems } = parseOutline('R\n• Santa Anita\n• Distrital Santa Anita', {
			knownNames: ['Distrital Santa Anita', 'Santa Anita']
		});
		expect(roots[0].children.map((c) => c.name)).toEqual(['Santa Anita', 'Distrital Santa Anita']);
		expect(problems).toEqual([]);
	});

	it('leaves a leaf alone: a community may end with the name of a city', () => {
		const { roots, problems } = parseOutline('R\n• Tocache\n  • Cercado Tocache', {
			knownNames: ['Tocache']
		});
		expect(roots[0].children[0].children.map((c) => c.name)).toEqual(['Cercado Tocache']);
		expect(problems).toEqual([]);
	});

	it('ignores matches in the middle of a word', () => {
		const { problems } = parseOutline('R\n• Cerrolima', { knownNames: ['Lima'] });
		expect(problems).toEqual([]);
	});
});

describe('parseOutline on malformed input', () => {
	it('handles CRLF, lone CR, a BOM, trailing spaces and non-breaking spaces', () => {
		const text =
			'\uFEFFRegion  \r\n\u00A0\u00A0• Alpha \r    •\u00A0Beta\u00A0\u00A0 \r\n  • Gamma\r\n';
		const { roots, problems } = parseOutline(text);
		expect(problems).toEqual([]);
		expect(roots[0]).toMatchObject({ line: 1, name: 'Region' });
		expect(shape(roots)).toEqual([{ Region: [{ Alpha: ['Beta'] }, 'Gamma'] }]);
		expect(roots[0].children[1].line).toBe(4);
	});

	it('measures tabs as the next multiple of four columns, so tabs and spaces can mix', () => {
		const text = ['Region', '\t• A', '    • B', '\t  • B1', '  \t• C', ' \t  • C1'].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(problems).toEqual([]);
		expect(shape(roots)).toEqual([{ Region: ['A', { B: ['B1'] }, { C: ['C1'] }] }]);
	});

	it('collapses inner whitespace but keeps case and accents', () => {
		const { roots } = parseOutline('Región   Andina\n  •   San\t\tMartín  de   Porres ');
		expect(roots[0].name).toBe('Región Andina');
		expect(roots[0].children[0].name).toBe('San Martín de Porres');
	});

	it('ignores blank lines everywhere', () => {
		const text = '\n\n  \nRegion\n\n\t\n  • A\n\n\n    • A1\n \n  • B\n\n';
		const { roots, problems } = parseOutline(text);
		expect(problems).toEqual([]);
		expect(shape(roots)).toEqual([{ Region: [{ A: ['A1'] }, 'B'] }]);
		expect(roots[0].line).toBe(4);
		expect(roots[0].children[0].children[0].line).toBe(10);
	});

	it('accepts other bullet styles and numbered items', () => {
		const text = [
			'Region',
			'- Dash',
			'  * Star',
			'    ◦ Circle',
			'    ▪ Square',
			'    · Dot',
			'    – En dash',
			'1. One',
			'  2) Two'
		].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(problems).toEqual([]);
		expect(shape(roots)).toEqual([
			{
				Region: [{ Dash: [{ Star: ['Circle', 'Square', 'Dot', 'En dash'] }] }, { One: ['Two'] }]
			}
		]);
	});

	it('does not take a hyphenated or numeric start for a bullet', () => {
		const { roots } = parseOutline('Region\n  -Norte\n  2009. Fase\n  1.5 km');
		expect(roots[0].children.map((c) => c.name)).toEqual(['-Norte', '2009. Fase', '1.5 km']);
	});

	it('puts bullets at column 0 under the open heading', () => {
		const { roots, problems } = parseOutline('North\n• A\n  • A1\n• B\nSouth\n• C');
		expect(problems).toEqual([]);
		expect(shape(roots)).toEqual([{ North: [{ A: ['A1'] }, 'B'] }, { South: ['C'] }]);
	});

	it('treats indented lines without a bullet as items', () => {
		const { roots } = parseOutline('Region\n  Alpha\n    Alpha One');
		expect(shape(roots)).toEqual([{ Region: [{ Alpha: ['Alpha One'] }] }]);
	});

	it('reports a bullet without a name and skips the line', () => {
		const text = 'Region\n  • A\n  •\n  •   \n  - \n  • –\n  • B';
		const { roots, problems } = parseOutline(text);
		expect(shape(roots)).toEqual([{ Region: ['A', 'B'] }]);
		expect(problems.map((p) => [p.line, p.code])).toEqual([
			[3, 'empty_name'],
			[4, 'empty_name'],
			[5, 'empty_name'],
			[6, 'empty_name']
		]);
	});

	it('reports a jump of two or more typical steps, still nesting under the previous line', () => {
		const text = [
			'Region',
			'  • A',
			'    • A1',
			'  • B',
			'        • B1', // 6 columns past B where the usual step is 2
			'        • B2',
			'  • C',
			'     • C1' // 3 columns: odd, but less than two steps
		].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(shape(roots)).toEqual([{ Region: [{ A: ['A1'] }, { B: ['B1', 'B2'] }, { C: ['C1'] }] }]);
		expect(problems).toEqual([
			expect.objectContaining({ line: 5, code: 'skipped_level', text: '        • B1' })
		]);
	});

	it('does not report a wide but consistent indentation step', () => {
		const text = 'Region\n      • A\n            • A1\n                  • A1a\n      • B';
		const { roots, problems } = parseOutline(text);
		expect(problems).toEqual([]);
		expect(shape(roots)).toEqual([{ Region: [{ A: [{ A1: ['A1a'] }] }, 'B'] }]);
	});

	it('attaches a dedent to an unknown column under the nearest shallower level', () => {
		const text = ['Region', '  • A', '      • A1', '    • A2', '  • B'].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(shape(roots)).toEqual([{ Region: [{ A: ['A1', 'A2'] }, 'B'] }]);
		expect(problems).toEqual([
			expect.objectContaining({ line: 4, code: 'mixed_indent', text: '    • A2' })
		]);
	});

	it('reports a dedent past every item level and keeps it under the heading', () => {
		const { roots, problems } = parseOutline('Region\n    • A\n  • B\n    • B1');
		expect(shape(roots)).toEqual([{ Region: ['A', { B: ['B1'] }] }]);
		expect(problems.map((p) => [p.line, p.code])).toEqual([[3, 'mixed_indent']]);
	});

	it('merges a duplicate sibling into the first one, appending its children', () => {
		const text = [
			'Region',
			'  • Callao',
			'    • Norte',
			'  • Rimac',
			'  • CALLAO',
			'    • Sur',
			'    • norte',
			'Region'
		].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(shape(roots)).toEqual([{ Region: [{ Callao: ['Norte', 'Sur'] }, 'Rimac'] }]);
		expect(roots[0].children[0].line).toBe(2);
		expect(problems.map((p) => [p.line, p.code])).toEqual([
			[5, 'duplicate_sibling'],
			[7, 'duplicate_sibling'],
			[8, 'duplicate_sibling']
		]);
	});

	it('makes bullets before any heading roots, flagging only indented ones', () => {
		const text = ['• Loose', '  • Loose child', '  • Loose child 2', 'Region', '• A'].join('\n');
		const { roots, problems } = parseOutline(text);
		expect(shape(roots)).toEqual([{ Loose: ['Loose child', 'Loose child 2'] }, { Region: ['A'] }]);
		expect(problems).toEqual([]);

		const indented = parseOutline('  • Stray\n    • Stray child\nRegion\n  • A');
		expect(shape(indented.roots)).toEqual([{ Stray: ['Stray child'] }, { Region: ['A'] }]);
		expect(indented.problems).toEqual([
			expect.objectContaining({ line: 1, code: 'orphan_line', text: '  • Stray' })
		]);
	});
});

describe('parseOutline never throws', () => {
	// Deterministic pseudo-random source so a failure can be reproduced.
	function rng(seed: number): () => number {
		let s = seed >>> 0;
		return () => {
			s = (s * 1664525 + 1013904223) >>> 0;
			return s / 2 ** 32;
		};
	}
	const pieces = [
		'•',
		'-',
		'*',
		'1.',
		'2)',
		' ',
		'  ',
		'\t',
		'\u00A0',
		'\uFEFF',
		'\u200B',
		'\n',
		'\r\n',
		'\r',
		'Lima',
		'Cercado de Lima',
		'á',
		'e\u0301',
		'\uD800',
		'\uDC00',
		'😀',
		'\u0000',
		'\u2028',
		'ß',
		'İ'
	];

	it('survives random unicode and bullet soup', () => {
		const next = rng(42);
		for (let round = 0; round < 200; round++) {
			let text = '';
			const len = Math.floor(next() * 200);
			for (let i = 0; i < len; i++) {
				text +=
					next() < 0.7
						? pieces[Math.floor(next() * pieces.length)]
						: String.fromCharCode(Math.floor(next() * 0x10000));
			}
			const parsed = parseOutline(text, { knownNames: ['Cercado de Lima', 'lima', '', '  '] });
			expect(() => outlineLeaves(parsed.roots)).not.toThrow();
		}
	});

	it('handles degenerate inputs', () => {
		expect(parseOutline('')).toEqual({ roots: [], problems: [] });
		expect(parseOutline(' \t\u00A0\n\r\n   \r')).toEqual({ roots: [], problems: [] });
		const onlyBullets = parseOutline('•\n  •\n    -\n*\n• • •\n1.');
		expect(onlyBullets.roots).toEqual([]);
		expect(onlyBullets.problems.map((p) => p.code)).toEqual(Array(6).fill('empty_name'));
	});

	it('parses 5000 lines, including a very deep staircase', () => {
		const lines: string[] = [];
		for (let i = 0; i < 5000; i++) {
			lines.push(i % 500 === 0 ? `Region ${i}` : `${' '.repeat((i % 500) * 2)}• Place ${i}`);
		}
		const { roots, problems } = parseOutline(lines.join('\n'));
		expect(roots).toHaveLength(10);
		expect(problems).toEqual([]);
		const leaves = outlineLeaves(roots);
		expect(leaves).toHaveLength(10);
		expect(leaves[0]).toHaveLength(500);
	});
});

describe('outlineLeaves', () => {
	it('returns root-to-leaf paths in document order', () => {
		const { roots } = parseOutline('A\n• A1\n  • A1a\n  • A1b\n• A2\nB\nC\n• C1');
		expect(outlineLeaves(roots).map((path) => path.map((n) => n.name).join(' > '))).toEqual([
			'A > A1 > A1a',
			'A > A1 > A1b',
			'A > A2',
			'B',
			'C > C1'
		]);
	});

	it('returns the same node objects as the tree', () => {
		const { roots } = parseOutline('A\n• A1');
		const [path] = outlineLeaves(roots);
		expect(path[0]).toBe(roots[0]);
		expect(path[1]).toBe(roots[0].children[0]);
	});

	it('returns nothing for no roots', () => {
		expect(outlineLeaves([])).toEqual([]);
	});
});
