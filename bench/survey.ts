/**
 * The survey import on a 100,000-row file: Minka's read + mapping + computation next to plain
 * csv-parse of the same bytes, in the same run, as rows per second.
 */
import { parse } from 'csv-parse/sync';
import { ITEMS, TEMPLATE_COLUMNS } from '../src/lib/domain/survey/columns';
import { computeCounts } from '../src/lib/domain/survey/compute';
import { applyMapping } from '../src/lib/domain/survey/mapping';
import { readSurveyFile } from '../src/lib/domain/survey/parse';

const ROWS = 100_000;
const RUNS = 3;

/** mulberry32: the same "random" file on every run and machine. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WRONG = ['Muy mal', 'Mal', 'Un poco mal', 'Nada mal'];
const RISK = ['Ningún riesgo', 'Riesgo leve', 'Riesgo moderado', 'Gran riesgo'];

/** Mostly codes as the template asks, some Spanish text answers, blanks and a few typos. */
export function generateSurvey(rows = ROWS): Uint8Array {
	const rnd = random(20251127);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	const lines = [TEMPLATE_COLUMNS.join(',')];
	for (let i = 0; i < rows; i++) {
		const cells = [
			pick(['6P', '1S', '2S', '3S', '4S', '5S']),
			pick(['F', 'M', 'F', 'M', '']),
			String(11 + Math.floor(rnd() * 7))
		];
		for (const item of ITEMS) {
			const r = rnd();
			if (r < 0.03) cells.push('');
			else if (r < 0.035) cells.push('x');
			else if (item.measure === 'past30_use') {
				cells.push(String(rnd() < 0.8 ? 0 : 1 + Math.floor(rnd() * 30)));
			} else {
				const answer = 1 + Math.floor(rnd() * 4);
				const text = item.measure === 'perceived_risk' ? RISK : WRONG;
				cells.push(r < 0.15 ? text[answer - 1] : String(answer));
			}
		}
		lines.push(cells.join(','));
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(work: () => unknown): number {
	const start = performance.now();
	work();
	return performance.now() - start;
}

export function run() {
	const bytes = generateSurvey();
	console.log(
		`Survey benchmark: ${ROWS.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB, median of ${RUNS} runs`
	);
	const plain: number[] = [];
	const minka: number[] = [];
	const read: number[] = [];
	const map: number[] = [];
	const compute: number[] = [];
	let respondents = 0;
	for (let i = 0; i < RUNS; i++) {
		plain.push(time(() => parse(Buffer.from(bytes))));
		let total = 0;
		let table;
		let mapped;
		total += read[i] = time(() => (table = readSurveyFile(bytes, 'bench.csv')));
		if (!table || !(table as { ok: boolean }).ok) throw new Error('the generated file was refused');
		const t = (table as Extract<ReturnType<typeof readSurveyFile>, { ok: true }>).table;
		total += map[i] = time(() => (mapped = applyMapping(t)));
		const m = mapped as unknown as ReturnType<typeof applyMapping>;
		respondents = m.respondents.length;
		total += compute[i] = time(() => computeCounts(m.respondents));
		minka.push(total);
	}
	const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s`;
	const row = (label: string, ms: number) =>
		console.log(
			`  ${label.padEnd(38)} ${`${ms.toFixed(0)} ms`.padStart(8)}  ${rate(ms).padStart(16)}`
		);
	row('csv-parse alone (same bytes)', median(plain));
	row('Minka import (read + map + compute)', median(minka));
	row('  read (decode, delimiter, csv-parse)', median(read));
	row('  map (headers, answers, problems)', median(map));
	row('  compute (counts per cell)', median(compute));
	console.log(`  ${respondents.toLocaleString('en')} respondents counted.`);
}
