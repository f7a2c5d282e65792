import { normalizeForSearch } from './text';

/**
 * Parser for the "directory" part of a program page: region headings followed by bulleted,
 * indented place names. Pages are copied by hand from websites and word processors, so the parser
 * never rejects input; anything it had to guess is reported as a problem for a human to review.
 */

export interface OutlineNode {
	/** 1-based line in the original text; for merged duplicates, the first occurrence */
	line: number;
	name: string;
	children: OutlineNode[];
}

export type OutlineProblemCode =
	| 'glued_name'
	| 'skipped_level'
	| 'orphan_line'
	| 'empty_name'
	| 'mixed_indent'
	| 'duplicate_sibling';

export interface OutlineProblem {
	line: number;
	code: OutlineProblemCode;
	/** the line as written, without its line break */
	text: string;
	detail?: string;
	/** glued_name: the part of the line kept as the name */
	used?: string;
	/** glued_name: the part of the line dropped */
	ignored?: string;
}

export interface ParsedOutline {
	roots: OutlineNode[];
	problems: OutlineProblem[];
}

export interface ParseOutlineOptions {
	/** names of places that may legitimately start or end a line; used to detect a stray word glued to a name */
	knownNames?: string[];
}

const TAB_WIDTH = 4;

// A bullet needs whitespace (or the end of the line) after it so that "-5 km" or "*Note" stay text.
// Numbers are capped at three digits so a line such as "2009. Phase two" is not taken for a list item.
const BULLET = /^(?:[•\-*◦▪·–]|\d{1,3}[.)])(?:\s+|$)/u;

// A place name needs at least one letter or digit; "• –" or a "---" rule is noise, not a place.
const HAS_NAME = /[\p{L}\p{N}]/u;

// Zero-width characters survive copy-paste from web pages and would otherwise shift columns.
const ZERO_WIDTH = /[\uFEFF\u200B]/g;

interface Frame {
	/** indentation column that opened this level; -1 for the level that holds a heading's items */
	col: number;
	/** null for the virtual level that holds the roots */
	node: OutlineNode | null;
	children: OutlineNode[];
}

interface KnownNames {
	keys: Set<string>;
	/** the most words any known name has, so suffix search can stop early */
	maxWords: number;
}

function prepareKnownNames(names: string[] | undefined): KnownNames | null {
	if (!names || names.length === 0) return null;
	const keys = new Set<string>();
	let maxWords = 0;
	for (const raw of names) {
		if (typeof raw !== 'string') continue;
		const key = normalizeForSearch(raw);
		if (!key) continue;
		keys.add(key);
		maxWords = Math.max(maxWords, key.split(' ').length);
	}
	return keys.size > 0 ? { keys, maxWords } : null;
}

/** Longest known name that ends `name` after a non-empty prefix, or null. */
function findGluedSuffix(
	name: string,
	known: KnownNames
): { used: string; ignored: string } | null {
	if (known.keys.has(normalizeForSearch(name))) return null;
	// Words are compared one suffix at a time, rather than slicing the normalized string, so the
	// kept name is exactly as written even when normalization changes string lengths.
	const words = name.split(' ');
	const first = Math.max(1, words.length - known.maxWords);
	for (let i = first; i < words.length; i++) {
		const used = words.slice(i).join(' ');
		if (known.keys.has(normalizeForSearch(used))) {
			return { used, ignored: words.slice(0, i).join(' ') };
		}
	}
	return null;
}

function measureIndent(line: string): { col: number; rest: string } {
	let col = 0;
	let i = 0;
	while (i < line.length && /\s/u.test(line[i])) {
		col = line[i] === '\t' ? (Math.floor(col / TAB_WIDTH) + 1) * TAB_WIDTH : col + 1;
		i++;
	}
	return { col, rest: line.slice(i) };
}

/** Most frequent parent-to-child indentation step seen so far; ties go to the smaller step. */
function typicalStep(steps: Map<number, number>): number | null {
	let best: number | null = null;
	let bestCount = 0;
	for (const [step, count] of steps) {
		if (count > bestCount || (count === bestCount && best !== null && step < best)) {
			best = step;
			bestCount = count;
		}
	}
	return best;
}

export function parseOutline(text: string, options: ParseOutlineOptions = {}): ParsedOutline {
	const roots: OutlineNode[] = [];
	const problems: OutlineProblem[] = [];
	if (typeof text !== 'string' || text.length === 0) return { roots, problems };

	const known = prepareKnownNames(options?.knownNames);
	// Sibling lookup by normalized name, per children array, so duplicate detection stays linear.
	const index = new Map<OutlineNode[], Map<string, OutlineNode>>();
	const steps = new Map<number, number>();

	const rootFrame: Frame = { col: -1, node: null, children: roots };
	let stack: Frame[] = [rootFrame];

	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	for (let n = 0; n < lines.length; n++) {
		const lineNo = n + 1;
		const raw = lines[n];
		const { col, rest } = measureIndent(raw.replace(ZERO_WIDTH, ''));
		const content = rest.trimEnd();
		if (content === '') continue;

		const bullet = BULLET.exec(content);
		const name = (bullet ? content.slice(bullet[0].length) : content).replace(/\s+/g, ' ').trim();

		if (!HAS_NAME.test(name)) {
			problems.push({
				line: lineNo,
				code: 'empty_name',
				text: raw,
				detail: bullet ? 'bullet without a name' : 'line without letters or digits'
			});
			continue;
		}

		let finalName = name;
		// Only a line that opens a level can hide a stray word in front of a place's name: a leaf
		// such as "Cercado Tocache" is a community that merely ends with a city's name.
		if (known && opensLevel(n, col, !bullet && col === 0)) {
			const glued = findGluedSuffix(name, known);
			if (glued) {
				finalName = glued.used;
				problems.push({
					line: lineNo,
					code: 'glued_name',
					text: raw,
					detail: `"${glued.ignored}" looks like a stray word in front of the known name "${glued.used}"`,
					used: glued.used,
					ignored: glued.ignored
				});
			}
		}

		const isHeading = !bullet && col === 0;
		let parent: Frame;
		let frameCol: number;

		if (isHeading) {
			parent = rootFrame;
			stack = [rootFrame];
			// Items right under a heading may sit at column 0, so the heading's level opens below it.
			frameCol = -1;
		} else {
			let popped = false;
			while (stack.length > 1 && stack[stack.length - 1].col > col) {
				stack.pop();
				popped = true;
			}
			let top = stack[stack.length - 1];
			if (stack.length > 1 && top.col === col) {
				stack.pop();
				top = stack[stack.length - 1];
			} else if (popped) {
				problems.push({
					line: lineNo,
					code: 'mixed_indent',
					text: raw,
					detail:
						`column ${col} matches no open level; attached under ` +
						(top.node ? `"${top.node.name}" (line ${top.node.line})` : 'the top level')
				});
			} else if (top.node && top.col >= 0) {
				// A plain step deeper: a child of the previous line. Only a jump of at least two
				// typical steps is worth a human look; the first nesting defines what is typical.
				const delta = col - top.col;
				const step = typicalStep(steps);
				if (step !== null && delta >= 2 * step) {
					problems.push({
						line: lineNo,
						code: 'skipped_level',
						text: raw,
						detail: `indented ${delta} columns past "${top.node.name}" (line ${top.node.line}); the usual step is ${step}`
					});
				} else {
					steps.set(delta, (steps.get(delta) ?? 0) + 1);
				}
			}
			parent = top;
			frameCol = col;
			if (parent === rootFrame && col > 0) {
				problems.push({
					line: lineNo,
					code: 'orphan_line',
					text: raw,
					detail: 'indented line before any heading; imported as a top-level entry'
				});
			}
		}

		const node = addChild(parent.children, { line: lineNo, name: finalName, children: [] });
		if (node.line !== lineNo) {
			problems.push({
				line: lineNo,
				code: 'duplicate_sibling',
				text: raw,
				detail: `same name as line ${node.line}; merged into it`
			});
		}
		stack.push({ col: frameCol, node, children: node.children });
	}

	return { roots, problems };

	function opensLevel(n: number, col: number, isHeading: boolean): boolean {
		for (let k = n + 1; k < lines.length; k++) {
			const next = measureIndent(lines[k].replace(ZERO_WIDTH, ''));
			const content = next.rest.trimEnd();
			if (content === '') continue;
			if (isHeading) return next.col > 0 || BULLET.test(content);
			return next.col > col;
		}
		return false;
	}

	function addChild(siblings: OutlineNode[], node: OutlineNode): OutlineNode {
		let byName = index.get(siblings);
		if (!byName) {
			byName = new Map();
			index.set(siblings, byName);
		}
		const key = normalizeForSearch(node.name);
		const existing = byName.get(key);
		if (existing) return existing;
		byName.set(key, node);
		siblings.push(node);
		return node;
	}
}

/** every root-to-leaf path, for importers: [{ path: OutlineNode[] }] in document order */
export function outlineLeaves(roots: OutlineNode[]): OutlineNode[][] {
	const paths: OutlineNode[][] = [];
	// Iterative so a pathologically deep outline cannot overflow the call stack.
	const pending: OutlineNode[][] = [];
	for (let i = roots.length - 1; i >= 0; i--) pending.push([roots[i]]);
	while (pending.length > 0) {
		const path = pending.pop() as OutlineNode[];
		const node = path[path.length - 1];
		if (node.children.length === 0) {
			paths.push(path);
			continue;
		}
		for (let i = node.children.length - 1; i >= 0; i--) {
			pending.push([...path, node.children[i]]);
		}
	}
	return paths;
}
