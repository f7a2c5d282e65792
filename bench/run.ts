/**
 * `npm run bench -- <name>`: runs one benchmark from this folder. Benchmarks print numbers and
 * assert nothing; they are for comparing runs on the same machine.
 */
const benchmarks: Record<string, () => Promise<{ run: () => Promise<void> | void }>> = {
	survey: () => import('./survey'),
	export: () => import('./export'),
	api: () => import('./scale'),
	dashboard: () => import('./dashboard')
};

async function main(wanted: string | undefined): Promise<number> {
	const load = wanted ? benchmarks[wanted] : undefined;
	if (!load) {
		console.error(`Usage: npm run bench -- <${Object.keys(benchmarks).join('|')}>`);
		return 2;
	}
	await (await load()).run();
	return 0;
}

process.exitCode = await main(process.argv[2]);

export {};
