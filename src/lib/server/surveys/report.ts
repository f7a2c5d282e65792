/**
 * Plain-text reports of a survey import and of a measures table, for the command line. English,
 * for whoever runs the server (see cli.ts); the pages use messages/.
 */
import { TEMPLATE_COLUMNS, type TemplateColumn } from '$lib/domain/survey/columns';
import type { ColumnMapping } from '$lib/domain/survey/mapping';
import type { MeasureCell, MeasuresTable, SurveyConfirm, SurveyPreview } from './service';

const REFUSALS: Record<string, string> = {
	encoding_unreadable: 'the file is not text in UTF-8, UTF-16 or Windows-1252',
	no_rows: 'the file has no data rows',
	unreadable_file: 'the file cannot be read as CSV or as a spreadsheet',
	file_too_large: 'the file is too large',
	missing_columns: 'required columns are missing',
	no_valid_rows: 'no row has a valid grade'
};

/** `--map grade=Grado --map rx_risk=-`: template column = the file's header, "-" for not asked. */
export function parseMapOptions(values: string[]): ColumnMapping | string {
	const mapping: ColumnMapping = {};
	for (const v of values) {
		const at = v.indexOf('=');
		const column = (at < 0 ? v : v.slice(0, at)).trim() as TemplateColumn;
		if (!(TEMPLATE_COLUMNS as readonly string[]).includes(column)) {
			return `--map ${v}: "${column}" is not a template column (${TEMPLATE_COLUMNS.join(', ')})`;
		}
		const header = at < 0 ? '' : v.slice(at + 1).trim();
		mapping[column] = header === '' || header === '-' ? null : header;
	}
	return mapping;
}

function pct(n: number | null): string {
	return n === null ? '—' : `${n.toFixed(1)}%`;
}

/** Prints the report; returns the exit code (0 ready or stored, 1 refused or duplicate). */
export function printSurveyReport(
	result: SurveyPreview | SurveyConfirm,
	slug: string,
	out: (line: string) => void,
	err: (line: string) => void
): number {
	switch (result.status) {
		case 'invalid':
			err(
				`Refused: ${Object.entries(result.errors)
					.map(([f, c]) => `${f} ${c}`)
					.join(', ')}`
			);
			return 1;
		case 'changed':
			err('Refused: the file changed since the preview.');
			return 1;
		case 'duplicate':
			err(
				`Refused: this file was already imported for ${slug} on ${result.uploadedAt.slice(0, 10)} ` +
					`(period ${result.period}, ${result.fileName}). Nothing was counted twice.`
			);
			return 1;
		case 'refused': {
			err(`Refused: ${REFUSALS[result.code] ?? result.code}. Nothing was stored.`);
			if (result.missingColumns?.length) {
				err(`  Missing: ${result.missingColumns.join(', ')}`);
				err(
					`  Headers in the file: ${(result.header ?? []).map((h) => JSON.stringify(h)).join(', ')}`
				);
				err(
					'  Name the header with --map <column>=<header>, or --map <column>=- for an item the survey did not ask.'
				);
			}
			for (const p of result.problems ?? []) {
				err(`  line ${p.line}  ${p.column}  ${JSON.stringify(p.value)}  ${p.code}`);
			}
			return 1;
		}
	}
	out(
		`${result.fileName}: ${result.format.toUpperCase()}` +
			(result.encoding ? `, ${result.encoding}` : '') +
			(result.delimiter ? `, delimiter ${JSON.stringify(result.delimiter)}` : '') +
			`; period ${result.period}`
	);
	out(
		`${result.rowsTotal} rows: ${result.respondents} counted, ${result.rowsSkipped} left out (no valid grade), ` +
			`${result.rowsWithProblems} with problems.`
	);
	const renamed = TEMPLATE_COLUMNS.filter(
		(c) => result.mapping[c] !== null && result.mapping[c] !== c
	).map((c) => `${c} ← ${JSON.stringify(result.mapping[c])}`);
	if (renamed.length) out(`Columns read: ${renamed.join(', ')}`);
	const absent = TEMPLATE_COLUMNS.filter((c) => result.mapping[c] === null);
	if (absent.length) out(`Not in the file: ${absent.join(', ')}`);
	if (result.unmappedHeaders.length) {
		out(`Ignored headers: ${result.unmappedHeaders.map((h) => JSON.stringify(h)).join(', ')}`);
	}
	const counts = Object.entries(result.problemCounts);
	if (counts.length) {
		const total = counts.reduce((n, [, c]) => n + (c ?? 0), 0);
		out(
			`Problems (${total}${result.problems.length < total ? `, first ${result.problems.length} listed` : ''}): ` +
				counts.map(([code, n]) => `${code} ${n}`).join(', ')
		);
		for (const p of result.problems) {
			out(`  line ${p.line}  ${p.column}  ${JSON.stringify(p.value)}  ${p.code}`);
		}
	}
	out('Totals:');
	for (const t of result.totals) {
		out(
			`  ${t.indicator.padEnd(32)} ${pct(t.percent).padStart(6)}  (${t.numerator}/${t.denominator})`
		);
	}
	if (result.status === 'stored') {
		out(
			`Stored as upload ${result.uploadId}${result.uploadsInPeriod ? `, added to ${result.uploadsInPeriod} earlier upload(s) of ${result.period}` : ''}; ` +
				(result.rawKept ? 'raw answers kept (the network keeps them).' : 'raw answers not kept.')
		);
	} else {
		out('Nothing stored yet. Re-run with --yes to store these counts.');
	}
	return 0;
}

function cellText(c: MeasureCell | undefined): string {
	if (!c) return '';
	if (c.suppressed) return '*';
	return `${pct(c.percent)} (${c.numerator}/${c.denominator})`;
}

/** The measures by grade, total and change in a fixed-width table. */
export function measuresText(table: MeasuresTable): string[] {
	const columns = ['all', ...table.grades.map((g) => `grade:${g}`)];
	const heads = ['Total', ...table.grades];
	const lines = [
		`${table.coalition.name} (${table.coalition.slug}), period ${table.period}` +
			(table.previousPeriod ? `; change since ${table.previousPeriod} in points` : ''),
		[
			'indicator'.padEnd(30),
			...heads.map((h) => h.padEnd(20)),
			table.previousPeriod ? 'change' : ''
		]
			.join(' ')
			.trimEnd()
	];
	for (const row of table.rows) {
		const change = row.change.all;
		lines.push(
			[
				row.indicator.padEnd(30),
				...columns.map((k) => cellText(row.cells[k]).padEnd(20)),
				table.previousPeriod
					? change === null || change === undefined
						? '—'
						: `${change > 0 ? '+' : ''}${change.toFixed(1)}`
					: ''
			]
				.join(' ')
				.trimEnd()
		);
	}
	if (table.rows.every((r) => Object.keys(r.cells).length === 0)) {
		lines.push(`No survey data for period ${table.period}.`);
	}
	return lines;
}
