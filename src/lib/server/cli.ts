/**
 * `npm run minka -- <command>`: the operator's tool. Output is English, for whoever runs the
 * server; user-facing text lives in messages/.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { QualityFinding } from '$lib/domain/quality';
import { databaseTarget } from './config';
import { createDb, type DbHandle } from './db';
import { appliedMigrations, migrateToLatest } from './db/migrate';
import { BackupError, restoreBackup, writeBackup } from './backup/service';
import { NotFoundError } from './errors';
import { dataCheck, exportNetwork } from './networks/service';
import { importOutline, type OutlineImportReport } from './outline/service';
import { seedDefaultIfEmpty } from './seed/service';
import {
	defaultNetworkSlug,
	GENERATE_LIMITS,
	GenerateError,
	generateNetwork
} from './generate/service';
import { createAdminInvite } from './accounts/service';
import { createAuth, migrateAuth } from './auth/create';
import { loadOrCreateSecret } from './secret';
import {
	confirmSurveyAsOperator,
	measuresAsOperator,
	measuresToJson,
	previewSurveyAsOperator
} from './surveys/service';
import { measuresText, parseMapOptions, printSurveyReport } from './surveys/report';

export class UsageError extends Error {}

export interface CliIo {
	out: (line: string) => void;
	err: (line: string) => void;
	openDb: () => DbHandle;
}

interface Command {
	summary: string;
	usage: string;
	options: NonNullable<ParseArgsConfig['options']>;
	positionals?: number;
	run: (
		args: { values: Record<string, unknown>; positionals: string[] },
		io: CliIo,
		db: DbHandle
	) => Promise<number>;
}

const networkOption = { network: { type: 'string' as const, short: 'n' } };

function requireNetwork(values: Record<string, unknown>): string {
	const slug = values.network;
	if (typeof slug !== 'string' || slug.trim() === '')
		throw new UsageError('--network <slug> is required');
	return slug.trim();
}

function describeFinding(f: QualityFinding): string {
	switch (f.code) {
		case 'goal_differs':
			return `Phase ${f.phaseNumber} (${f.phaseName}): stated ${f.stated} ${f.metric}${f.byYear ? ` by ${f.byYear}` : ''}, the directory records ${f.recorded}${f.sourceText ? `  [source: "${f.sourceText}"]` : ''}`;
		case 'target_place_without_coalitions':
			return `Phase ${f.phaseNumber} (${f.phaseName}): names ${f.placeName} as a target place, but no coalition of the phase is recorded there`;
		case 'phase_inferred':
			return `Phase ${f.phaseNumber} (${f.phaseName}): ${f.coalitionName} is assigned by inference, not stated by the source`;
		case 'coalition_without_phase':
			return `${f.coalitionName} has no phase`;
		case 'missing_coordinates':
			return `${f.coalitionName} has no coordinates (neither its place nor any place above it)`;
	}
}

function printImport(report: OutlineImportReport, io: CliIo) {
	const verb = report.dryRun ? 'would create' : 'created';
	io.out(
		`${report.dryRun ? 'Dry run: ' : ''}${report.placesCreated.length} places and ${report.coalitionsCreated.length} coalitions ${verb}; ` +
			`${report.placesMatched} places and ${report.coalitionsMatched} coalitions already there.`
	);
	for (const p of report.placesCreated)
		io.out(`  + place      line ${p.line}: ${[...p.path, p.name].join(' > ')}`);
	for (const c of report.coalitionsCreated) {
		io.out(
			`  + coalition  line ${c.line}: ${c.name} (${c.slug})${c.phaseInferred ? ', phase inferred' : ', no phase'}`
		);
	}
	if (report.problems.length > 0) {
		io.out(`${report.problems.length} line(s) need a look:`);
		for (const p of report.problems) {
			const extra = p.code === 'glued_name' ? ` — used "${p.used}", left out "${p.ignored}"` : '';
			io.out(
				`  ! line ${p.line} [${p.code}] ${p.text.trim()}${extra}${p.detail ? ` (${p.detail})` : ''}`
			);
		}
	}
}

export const commands: Record<string, Command> = {
	migrate: {
		summary: 'bring the database schema up to date',
		usage: 'migrate',
		options: {},
		run: async (_args, io, { db }) => {
			const result = await migrateToLatest(db);
			const ran = result.results?.filter((r) => r.status === 'Success') ?? [];
			io.out(
				ran.length
					? `Applied: ${ran.map((r) => r.migrationName).join(', ')}`
					: 'Already up to date.'
			);
			io.out(`Schema: ${(await appliedMigrations(db)).at(-1) ?? '(empty)'}`);
			return 0;
		}
	},
	seed: {
		summary: 'load the Peru network into an empty database',
		usage: 'seed',
		options: {},
		run: async (_args, io, { db }) => {
			await migrateToLatest(db);
			const result = await seedDefaultIfEmpty(db);
			io.out(
				result
					? `Loaded network "${result.network}": ${result.places} places, ${result.coalitions} coalitions.`
					: 'The database already holds a network; nothing loaded.'
			);
			return 0;
		}
	},
	'import-outline': {
		summary: 'create the places and coalitions of a directory outline (idempotent)',
		usage: 'import-outline <file> --network <slug> [--dry-run]',
		options: { ...networkOption, 'dry-run': { type: 'boolean' } },
		positionals: 1,
		run: async ({ values, positionals }, io, { db }) => {
			const network = requireNetwork(values);
			const file = positionals[0];
			if (!file) throw new UsageError('the outline file is required');
			let text: string;
			try {
				text = await readFile(file, 'utf8');
			} catch (e) {
				throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
			}
			await migrateToLatest(db);
			printImport(
				await importOutline(db, network, text, { dryRun: Boolean(values['dry-run']) }),
				io
			);
			return 0;
		}
	},
	'data-check': {
		summary: "list where the program's stated numbers and the directory differ",
		usage: 'data-check --network <slug> [--json]',
		options: { ...networkOption, json: { type: 'boolean' } },
		run: async ({ values }, io, { db }) => {
			const network = requireNetwork(values);
			await migrateToLatest(db);
			const findings = await dataCheck(db, network);
			if (values.json) {
				io.out(JSON.stringify(findings, null, 2));
			} else if (findings.length === 0) {
				io.out('No differences found.');
			} else {
				io.out(`${findings.length} finding(s) for network "${network}":`);
				for (const f of findings) io.out(`  - ${describeFinding(f)}`);
			}
			return 0;
		}
	},
	'create-admin': {
		summary: 'invite the first administrator of a network (prints a one-time link)',
		usage: 'create-admin --email <address> [--network <slug>] [--url <public address>]',
		options: {
			email: { type: 'string' },
			...networkOption,
			url: { type: 'string' }
		},
		run: async ({ values }, io, { db, kind }) => {
			const email = typeof values.email === 'string' ? values.email.trim() : '';
			if (!email) throw new UsageError('--email <address> is required');
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
				throw new UsageError(`not an e-mail address: ${email}`);
			await migrateToLatest(db);
			await seedDefaultIfEmpty(db);
			const base = String(
				values.url ?? process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`
			).replace(/\/+$/, '');
			// better-auth's tables must exist before anyone can accept the invitation.
			await migrateAuth(createAuth(db, kind, { secret: loadOrCreateSecret(), baseURL: base }));
			const result = await createAdminInvite(
				db,
				email,
				typeof values.network === 'string' ? values.network : undefined
			);
			if (result.existing) {
				io.out(
					`${email} already has an account; it is now an administrator. Sign in at ${base}/login`
				);
			} else {
				io.out(`Open this link within 7 days to create the administrator account for ${email}:`);
				io.out(`  ${base}${result.path}`);
				io.out('It works once. No password is set until that person chooses one.');
			}
			return 0;
		}
	},
	'survey-import': {
		summary: "report on a youth survey file for a coalition's period; store its counts with --yes",
		usage:
			'survey-import <file> --coalition <slug> --period <YYYY> [--map <column>=<header>]... [--yes]',
		options: {
			coalition: { type: 'string' },
			period: { type: 'string' },
			map: { type: 'string', multiple: true },
			yes: { type: 'boolean' }
		},
		positionals: 1,
		run: async ({ values, positionals }, io, { db }) => {
			const file = positionals[0];
			if (!file) throw new UsageError('the survey file is required');
			const slug = typeof values.coalition === 'string' ? values.coalition.trim() : '';
			if (!slug) throw new UsageError('--coalition <slug> is required');
			const period = typeof values.period === 'string' ? values.period.trim() : '';
			if (!/^\d{4}$/.test(period)) throw new UsageError('--period <YYYY> is required (a year)');
			const mapping = parseMapOptions((values.map as string[] | undefined) ?? []);
			if (typeof mapping === 'string') throw new UsageError(mapping);
			let bytes: Uint8Array;
			try {
				bytes = new Uint8Array(await readFile(file));
			} catch (e) {
				throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
			}
			await migrateToLatest(db);
			const input = { period, fileName: file.split(/[\\/]/).pop() ?? file, bytes, mapping };
			const result = values.yes
				? await confirmSurveyAsOperator(db, slug, input)
				: await previewSurveyAsOperator(db, slug, input);
			return printSurveyReport(result, slug, io.out, io.err);
		}
	},
	measures: {
		summary: "print a coalition's core measures for a period (unsuppressed: you have the database)",
		usage: 'measures --coalition <slug> --period <YYYY> [--json]',
		options: {
			coalition: { type: 'string' },
			period: { type: 'string' },
			json: { type: 'boolean' }
		},
		run: async ({ values }, io, { db }) => {
			const slug = typeof values.coalition === 'string' ? values.coalition.trim() : '';
			if (!slug) throw new UsageError('--coalition <slug> is required');
			const period = typeof values.period === 'string' ? values.period.trim() : '';
			if (!/^\d{4}$/.test(period)) throw new UsageError('--period <YYYY> is required (a year)');
			await migrateToLatest(db);
			const table = await measuresAsOperator(db, slug, period);
			if (values.json) io.out(JSON.stringify(measuresToJson(table), null, 2));
			else for (const line of measuresText(table)) io.out(line);
			return 0;
		}
	},
	backup: {
		summary: 'write the whole database to one portable file (gzip JSON Lines)',
		usage: 'backup <file>',
		options: {},
		positionals: 1,
		run: async ({ positionals }, io, { db }) => {
			const file = positionals[0];
			if (!file) throw new UsageError('the backup file is required');
			const started = Date.now();
			try {
				const result = await writeBackup(db, file);
				io.out(
					`Wrote ${result.rows} rows from ${Object.keys(result.tables).length} tables to ${file} in ${Date.now() - started} ms.`
				);
			} catch (e) {
				if (!(e instanceof BackupError)) throw e;
				io.err(`backup: ${e.message}`);
				return 1;
			}
			return 0;
		}
	},
	restore: {
		summary: 'load a backup into an empty database (SQLite or PostgreSQL)',
		usage: 'restore <file> [--force]',
		options: { force: { type: 'boolean' } },
		positionals: 1,
		run: async ({ values, positionals }, io, { db }) => {
			const file = positionals[0];
			if (!file) throw new UsageError('the backup file is required');
			const started = Date.now();
			try {
				const result = await restoreBackup(db, file, { force: Boolean(values.force) });
				io.out(
					`Restored ${result.rows} rows into ${Object.keys(result.tables).length} tables in ${Date.now() - started} ms.`
				);
			} catch (e) {
				if (!(e instanceof BackupError)) throw e;
				io.err(`restore: ${e.message}`);
				return 1;
			}
			return 0;
		}
	},
	generate: {
		summary: 'make a large test network with years of records (for benchmarks and trials)',
		usage:
			'generate --coalitions <n> [--network <slug>] [--years <n>] [--seed <n>] [--until <YYYY-MM-DD>]',
		options: {
			coalitions: { type: 'string' },
			...networkOption,
			years: { type: 'string' },
			seed: { type: 'string' },
			until: { type: 'string' }
		},
		run: async ({ values }, io, { db }) => {
			const whole = (name: string, fallback: number | null, min: number, max: number) => {
				const raw = values[name];
				if (raw === undefined && fallback !== null) return fallback;
				if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()))
					throw new UsageError(`--${name} <n> must be a whole number`);
				const n = Number(raw);
				if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}`);
				return n;
			};
			const coalitions = whole('coalitions', null, 1, GENERATE_LIMITS.coalitions);
			const years = whole('years', 6, 1, GENERATE_LIMITS.years);
			const seed = whole('seed', 42, 0, 2 ** 31 - 1);
			const until = typeof values.until === 'string' ? values.until.trim() : undefined;
			if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until))
				throw new UsageError('--until must be a date (YYYY-MM-DD)');
			const network =
				typeof values.network === 'string' && values.network.trim()
					? values.network.trim()
					: defaultNetworkSlug(coalitions, seed);
			await migrateToLatest(db);
			// The Peru network stays the default one; the generated network goes next to it.
			await seedDefaultIfEmpty(db);
			io.out(
				`Generating network "${network}": ${coalitions} coalitions, ${years} years, seed ${seed}.`
			);
			try {
				const result = await generateNetwork(db, {
					coalitions,
					network,
					years,
					seed,
					until,
					onProgress: (p) =>
						io.out(
							`  ${String(p.coalitions).padStart(String(p.of).length)}/${p.of} coalitions  ${p.rows.toLocaleString('en')} rows  ${(p.ms / 1000).toFixed(1)} s`
						)
				});
				io.out(
					`Done in ${(result.ms / 1000).toFixed(1)} s: ${result.rows.toLocaleString('en')} rows (${Math.round(result.rows / (result.ms / 1000)).toLocaleString('en')} rows/s).`
				);
				for (const [table, n] of Object.entries(result.counts)) {
					if (n) io.out(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(10)}`);
				}
			} catch (e) {
				if (!(e instanceof GenerateError)) throw e;
				io.err(`generate: ${e.message}`);
				return 1;
			}
			return 0;
		}
	},
	export: {
		summary: 'print a network (places, phases, partners, coalitions) as JSON',
		usage: 'export --network <slug>',
		options: networkOption,
		run: async ({ values }, io, { db }) => {
			const network = requireNetwork(values);
			await migrateToLatest(db);
			io.out(JSON.stringify(await exportNetwork(db, network), null, 2));
			return 0;
		}
	}
};

function helpText(): string {
	const width = Math.max(...Object.keys(commands).map((k) => k.length));
	return [
		'Usage: npm run minka -- <command> [options]',
		'',
		'Commands:',
		...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
		'',
		'Run `npm run minka -- <command> --help` for a command.',
		'The database is ./data/minka.db (DATA_DIR changes the folder) or DATABASE_URL.'
	].join('\n');
}

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.out(helpText());
		return name ? 0 : 2;
	}
	const command = commands[name];
	if (!command) {
		io.err(`Unknown command "${name}".\n\n${helpText()}`);
		return 2;
	}
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			options: { ...command.options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: true,
			strict: true
		});
		if (parsed.values.help) {
			io.out(`Usage: npm run minka -- ${command.usage}\n\n${command.summary}`);
			return 0;
		}
		if (parsed.positionals.length > (command.positionals ?? 0)) {
			throw new UsageError(`unexpected argument "${parsed.positionals[command.positionals ?? 0]}"`);
		}
	} catch (e) {
		io.err(`${name}: ${(e as Error).message}\nUsage: npm run minka -- ${command.usage}`);
		return 2;
	}
	let handle: DbHandle | undefined;
	try {
		handle = io.openDb();
		return await command.run(parsed, io, handle);
	} catch (e) {
		if (e instanceof UsageError) {
			io.err(`${name}: ${e.message}\nUsage: npm run minka -- ${command.usage}`);
			return 2;
		}
		if (e instanceof NotFoundError) {
			io.err(`${name}: ${e.message}`);
			return 1;
		}
		io.err(`${name} failed: ${(e as Error).message}`);
		return 1;
	} finally {
		await handle?.db.destroy();
	}
}

export function defaultIo(): CliIo {
	return {
		out: (line) => process.stdout.write(line + '\n'),
		err: (line) => process.stderr.write(line + '\n'),
		openDb: () => createDb(databaseTarget())
	};
}
