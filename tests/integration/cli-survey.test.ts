import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/lib/server/cli';
import { createDb } from '../../src/lib/server/db';

const fixture = (name: string) =>
	fileURLToPath(new URL(`../fixtures/survey/${name}`, import.meta.url));

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

describe('the survey commands of the minka CLI', () => {
	let run: ReturnType<typeof cli>;
	beforeAll(async () => {
		run = cli(mkdtempSync(join(tmpdir(), 'minka-cli-survey-')));
		expect((await run('seed')).code).toBe(0);
	});
	const importArgs = (file: string, period = '2025') => [
		'survey-import',
		fixture(file),
		'--coalition',
		'callao-norte',
		'--period',
		period
	];

	it('previews a file, stores nothing, and says how to store it', async () => {
		const preview = await run(...importArgs('clean.csv'));
		expect(preview.code).toBe(0);
		expect(preview.out).toContain(
			'30 rows: 30 counted, 0 left out (no valid grade), 0 with problems.'
		);
		expect(preview.out).toMatch(/past30_use\.alcohol +40\.0% +\(12\/30\)/);
		expect(preview.out).toContain('Re-run with --yes');
		expect(
			(await run('measures', '--coalition', 'callao-norte', '--period', '2025')).out
		).toContain('No survey data for period 2025.');
	});

	it('stores with --yes and refuses the same file again', async () => {
		const stored = await run(...importArgs('clean.csv'), '--yes');
		expect(stored.code).toBe(0);
		expect(stored.out).toMatch(/Stored as upload [0-9a-f-]{36}; raw answers not kept\./);
		const again = await run(...importArgs('clean.csv'), '--yes');
		expect(again.code).toBe(1);
		expect(again.err).toContain('already imported for callao-norte');
		expect(again.err).toContain('Nothing was counted twice');
	});

	it('lists problems with line, column and value, and reads Spanish files', async () => {
		const problems = await run(...importArgs('problems.csv', '2024'));
		expect(problems.code).toBe(0);
		expect(problems.out).toContain(
			'Problems (7): answer_invalid 3, grade_invalid 1, sex_invalid 1, age_invalid 1, grade_blank 1'
		);
		expect(problems.out).toContain('line 4  alcohol_days_30  "x"  answer_invalid');
		expect(problems.out).toContain('line 10  grade  ""  grade_blank');
		const spanish = await run(...importArgs('spanish-1252.csv', '2023'), '--yes');
		expect(spanish.code).toBe(0);
		expect(spanish.out).toContain('CSV, windows-1252, delimiter ";"');
		expect(spanish.out).toContain('alcohol_days_30 ← "Alcohol días 30"');
	});

	it('refuses files it cannot use, and bad arguments', async () => {
		const missing = await run(...importArgs('missing-column.csv'), '--yes');
		expect(missing.code).toBe(1);
		expect(missing.err).toContain('required columns are missing');
		expect(missing.err).toContain('Missing: grade, rx_peer_wrong');
		const empty = await run(...importArgs('empty.csv'));
		expect(empty).toMatchObject({ code: 1, err: expect.stringContaining('no data rows') });
		expect(await run('survey-import', fixture('clean.csv'), '--period', '2025')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--coalition <slug> is required')
		});
		expect(await run(...importArgs('clean.csv', '25'))).toMatchObject({
			code: 2,
			err: expect.stringContaining('--period <YYYY>')
		});
		expect(await run(...importArgs('clean.csv'), '--map', 'colour=Color')).toMatchObject({
			code: 2,
			err: expect.stringContaining('"colour" is not a template column')
		});
		expect(
			await run('survey-import', fixture('clean.csv'), '--coalition', 'nowhere', '--period', '2025')
		).toMatchObject({ code: 1, err: expect.stringContaining('No coalition with slug "nowhere"') });
	});

	it('accepts a mapping for a file without some items', async () => {
		const mapped = await run(
			...importArgs('missing-column.csv'),
			'--map',
			'rx_peer_wrong=-',
			'--map',
			'grade=sex'
		);
		// "sex" holds F and M, which are no grades: every row is left out, and the report says why.
		expect(mapped.code).toBe(1);
		expect(mapped.err).toContain('no row has a valid grade');
		expect(mapped.err).toContain('line 2  grade  "F"  grade_invalid');
	});

	it('prints the measures table, and JSON with --json', async () => {
		const text = await run('measures', '--coalition', 'callao-norte', '--period', '2025');
		expect(text.code).toBe(0);
		expect(text.out).toContain('period 2025; change since 2023 in points');
		// Unsuppressed: the operator has the database anyway.
		expect(text.out).toMatch(
			/past30_use\.alcohol +40\.0% \(12\/30\) +33\.3% \(4\/12\) +41\.7% \(5\/12\) +50\.0% \(3\/6\) +-10\.0/
		);
		const json = await run('measures', '--coalition', 'callao-norte', '--period', '2025', '--json');
		const parsed = JSON.parse(json.out);
		expect(parsed).toMatchObject({ coalition: 'callao-norte', period: '2025', suppressed: false });
		expect(
			parsed.measures.find(
				(m: { indicator: string; cell: string }) =>
					m.indicator === 'past30_use.alcohol' && m.cell === 'grade:5S'
			)
		).toMatchObject({ numerator: 3, denominator: 6, percent: 50, suppressed: false });
	});
});
