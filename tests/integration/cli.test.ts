import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, commands } from '../../src/lib/server/cli';
import { createDb } from '../../src/lib/server/db';

/** Runs the CLI against a SQLite file of its own, capturing what it prints. */
function cli(dir: string) {
	return async (...argv: string[]) => {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(argv, {
			out: (l) => out.push(l),
			err: (l) => err.push(l),
			openDb: () => createDb({ kind: 'sqlite', location: join(dir, 'minka.db') })
		});
		return { code, out: out.join('\n'), err: err.join('\n') };
	};
}

describe('the minka CLI', () => {
	let run: ReturnType<typeof cli>;
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'minka-cli-'));
		run = cli(dir);
	});

	it('explains itself and every command', async () => {
		const help = await run('--help');
		expect(help.code).toBe(0);
		for (const name of Object.keys(commands)) {
			expect(help.out).toContain(name);
			const own = await run(name, '--help');
			expect(own.code).toBe(0);
			expect(own.out).toContain(`npm run minka -- ${name}`);
		}
	});

	it('exits 2 with a clear message on bad arguments', async () => {
		expect(await run()).toMatchObject({ code: 2 });
		expect(await run('frobnicate')).toMatchObject({
			code: 2,
			err: expect.stringContaining('Unknown command "frobnicate"')
		});
		expect(await run('export')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--network <slug> is required')
		});
		expect(await run('export', '--network', 'peru', '--colour')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--colour')
		});
		expect(await run('import-outline', '--network', 'peru')).toMatchObject({
			code: 2,
			err: expect.stringContaining('outline file is required')
		});
		expect(
			await run('import-outline', join(dir, 'missing.txt'), '--network', 'peru')
		).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
	});

	it('seeds, exports, checks and imports the Peru network', async () => {
		const seed = await run('seed');
		expect(seed).toMatchObject({ code: 0, out: expect.stringContaining('55 coalitions') });
		expect((await run('seed')).out).toContain('nothing loaded');

		const exported = await run('export', '--network', 'peru');
		expect(exported.code).toBe(0);
		const json = JSON.parse(exported.out);
		expect(json.coalitions).toHaveLength(55);
		expect(json.coalitions[0]).toHaveProperty('path');
		expect(json.coalitions[0]).toHaveProperty('latitude');

		const check = await run('data-check', '--network', 'peru');
		expect(check.code).toBe(0);
		expect(check.out).toMatch(/Phase 1 .*stated 40 coalitions by 2009, the directory records 37/);
		const checkJson = JSON.parse((await run('data-check', '--network', 'peru', '--json')).out);
		expect(checkJson.length).toBeGreaterThan(0);

		const file = join(dir, 'outline.txt');
		writeFileSync(file, 'Lima Metropolitan Area\n  • Comas\n    • Collique\n');
		const imported = await run('import-outline', file, '--network', 'peru');
		expect(imported.code).toBe(0);
		expect(imported.out).toContain('line 3: Collique (collique), phase inferred');
		expect((await run('import-outline', file, '--network', 'peru')).out).toContain(
			'0 places and 0 coalitions created'
		);

		expect(await run('export', '--network', 'nowhere')).toMatchObject({
			code: 1,
			err: expect.stringContaining('No network with slug "nowhere"')
		});
	});

	it('migrates, and says when there is nothing to do', async () => {
		expect((await run('migrate')).out).toContain('Applied:');
		expect((await run('migrate')).out).toContain('Already up to date.');
	});
});
