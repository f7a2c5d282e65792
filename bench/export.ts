/**
 * A 100,000-coalition registry downloaded as CSV and as XLSX through the real export path
 * (keyset batches of 500 → streamed file), next to the baseline of loading the same rows into
 * one array, and the xlsx library building the same workbook in memory. Each figure is the peak
 * live JavaScript heap above the heap before it started, so the streamed files should stay flat
 * while the baselines grow with the list.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import * as XLSX from '@e965/xlsx';
import { actorWith, peruIds } from '../tests/actors';
import { createDb } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { coalitionsExport } from '../src/lib/server/export/lists';
import { exportChunks, type Column } from '../src/lib/server/export/table';
import { newId } from '../src/lib/server/ids';
import { seedDefaultIfEmpty } from '../src/lib/server/seed/service';

const ROWS = 100_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Peak live heap while `work` runs: `sample` collects garbage and then reads the heap, so the
 * figure is what the work holds on to, not how lazily the collector runs.
 */
async function peakHeap(work: (sample: (now?: boolean) => void) => Promise<unknown>) {
	gc();
	const start = process.memoryUsage().heapUsed;
	let peak = start;
	let calls = 0;
	const sample = (now = false) => {
		// While streaming, every 5th chunk: a full collection per chunk would dominate the timing.
		if (!now && calls++ % 5) return;
		gc();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	};
	const began = performance.now();
	const result = await work(sample);
	const ms = performance.now() - began;
	return { mb: (peak - start) / 1e6, ms, result };
}

async function generate() {
	const { db } = createDb({ kind: 'sqlite', location: ':memory:' });
	await migrateToLatest(db);
	await seedDefaultIfEmpty(db);
	const ids = await peruIds(db);
	const template = await db
		.selectFrom('coalition')
		.selectAll()
		.where('id', '=', ids.callaoNorte)
		.executeTakeFirstOrThrow();
	const now = new Date().toISOString();
	for (let i = 0; i < ROWS; i += 1000) {
		const batch = Array.from({ length: Math.min(1000, ROWS - i) }, (_, j) => {
			const n = i + j;
			const name = `Coalición generada ${String(n).padStart(6, '0')}`;
			return {
				...template,
				id: newId(),
				name,
				name_search: name.toLowerCase(),
				slug: `generada-${n}`,
				founded_year: 2004 + (n % 20),
				description_es: 'Vecinos, escuelas y municipio trabajando juntos en prevención.',
				created_at: now,
				updated_at: now
			};
		});
		await db.insertInto('coalition').values(batch).execute();
	}
	return { db, ids };
}

export async function run() {
	const { db, ids } = await generate();
	const admin = actorWith('network_admin', ids.networkId);
	const columns: Column<{
		name: string;
		place: string;
		status: string;
		founded_year: number | null;
	}>[] = [
		{ header: () => 'Nombre', value: (r) => r.name },
		{ header: () => 'Lugar', value: (r) => r.place },
		{ header: () => 'Estado', value: (r) => r.status },
		{ header: () => 'Año', value: (r) => r.founded_year, kind: 'number' }
	];
	console.log(
		`Export benchmark: ${ROWS.toLocaleString('en')}+ coalitions on SQLite; peak live heap (after a forced collection; the times include those collections)`
	);
	console.log(
		'what'.padEnd(44) +
			'rows'.padStart(9) +
			'bytes'.padStart(12) +
			'peak heap'.padStart(12) +
			'time'.padStart(9)
	);
	const line = (what: string, rows: number, bytes: number, mb: number, ms: number) =>
		console.log(
			what.padEnd(44) +
				rows.toLocaleString('en').padStart(9) +
				(bytes ? `${(bytes / 1e6).toFixed(1)} MB` : '—').padStart(12) +
				`${mb.toFixed(2)} MB`.padStart(12) +
				`${(ms / 1000).toFixed(1)} s`.padStart(9)
		);

	for (const format of ['csv', 'xlsx'] as const) {
		let rows = 0;
		let bytes = 0;
		const { mb, ms } = await peakHeap(async (sample) => {
			const source = await coalitionsExport(db, admin, ids.networkId, new URLSearchParams());
			const counted = (async function* () {
				for await (const r of source) {
					// Mid-batch, where the most rows are held.
					if (++rows % 250 === 0) sample(true);
					yield r;
				}
			})();
			for await (const chunk of exportChunks(format, { name: 'b', columns, rows: counted })) {
				bytes += chunk.length;
			}
		});
		line(`streamed ${format.toUpperCase()} (keyset batches of 500)`, rows, bytes, mb, ms);
	}

	const loaded = await peakHeap(async (sample) => {
		const all = await db
			.selectFrom('coalition')
			.select(['id', 'name', 'name_search', 'status', 'place_id', 'founded_year', 'updated_at'])
			.where('network_id', '=', ids.networkId)
			.where('status', '!=', 'archived')
			.orderBy('name_search')
			.orderBy('id')
			.execute();
		sample(true);
		return all.length;
	});
	line(
		'baseline: the same rows loaded into an array',
		Number(loaded.result),
		0,
		loaded.mb,
		loaded.ms
	);

	const library = await peakHeap(async (sample) => {
		const all = await db
			.selectFrom('coalition')
			.select(['name', 'status', 'founded_year'])
			.where('network_id', '=', ids.networkId)
			.where('status', '!=', 'archived')
			.orderBy('name_search')
			.execute();
		sample(true);
		const sheet = XLSX.utils.json_to_sheet(all);
		sample(true);
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, sheet, 'b');
		const out = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
		sample(true);
		return { rows: all.length, bytes: out.length };
	});
	const r = library.result as { rows: number; bytes: number };
	line('baseline: @e965/xlsx workbook in memory', r.rows, r.bytes, library.mb, library.ms);
	await db.destroy();
}
