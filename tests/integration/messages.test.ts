import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const es = JSON.parse(readFileSync(join(root, 'messages/es.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'messages/en.json'), 'utf8'));

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'paraglide') return [];
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

/** Error codes the schemas and services return, as written in their source. */
function codesInSource(): Set<string> {
	const codes = new Set<string>();
	// The public contact form words its errors for visitors (contact_error_* messages).
	const ownWording = (f: string) => f.endsWith('domain/contact.ts');
	const sources = files(join(root, 'src/lib/domain')).filter(
		(f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !ownWording(f)
	);
	const patterns = [
		/message: '([a-z_]+)'/g,
		/\.(?:min|max|regex|refine|email|enum)\([^)]*?'([a-z_]+)'\)/g
	];
	for (const file of sources) {
		const text = readFileSync(file, 'utf8');
		for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]);
	}
	return codes;
}

describe('messages', () => {
	it('has every key in both languages', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
	});

	it('has a sentence for every validation code the code returns', () => {
		const missing = [...codesInSource()].filter((code) => !(`err_${code}` in es));
		expect(missing).toEqual([]);
	});
});
