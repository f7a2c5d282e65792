/**
 * Lists as files: CSV and XLSX written row by row from an async iterable, so an export of any
 * length holds one batch of rows at a time. Columns carry a translated header and an accessor;
 * the services decide which rows and which columns a user may have (the same rules as the page).
 */
import { AsyncResource } from 'node:async_hooks';
import type { ExportFormat } from '$lib/domain/export';
import { zipStream } from './zip';

export { EXPORT_FORMATS, type ExportFormat } from '$lib/domain/export';

export type Cell = string | number | null | undefined;

export interface Column<T> {
	/** the header in the reader's language (a message function) */
	header: () => string;
	value: (row: T) => Cell;
	/**
	 * 'date' cells are 'YYYY-MM-DD' text and become real dates in XLSX; 'number' cells are numbers
	 * in both files. Anything else is text.
	 */
	kind?: 'text' | 'number' | 'date';
}

export interface ExportTable<T> {
	/** the file's name without extension, e.g. 'coalitions' */
	name: string;
	columns: Column<T>[];
	rows: AsyncIterable<T> | Iterable<T>;
}

export const BATCH_SIZE = 500;

/**
 * Rows read in keyset batches: `page` gets the last row of the previous batch (null at first)
 * and returns up to `size` rows after it, in order.
 */
export async function* keysetBatches<T>(
	page: (after: T | null, size: number) => Promise<T[]>,
	size = BATCH_SIZE
): AsyncGenerator<T> {
	let after: T | null = null;
	for (;;) {
		const rows = await page(after, size);
		yield* rows;
		if (rows.length < size) return;
		after = rows[rows.length - 1];
	}
}

// ——— CSV ———

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula gets a leading
 * apostrophe; numbers are left alone, so a negative number stays a number.
 */
export function csvField(value: Cell, kind: Column<unknown>['kind'] = 'text'): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (!(kind === 'number' && typeof value === 'number') && FORMULA_START.test(text)) {
		text = "'" + text;
	}
	return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function csvLine(cells: string[]): string {
	return cells.join(',') + '\r\n';
}

/** CSV in UTF-8 with a byte-order mark, which is how Excel knows it is UTF-8. */
export async function* csvChunks<T>(table: ExportTable<T>): AsyncGenerator<string> {
	const { columns } = table;
	let buffer = '\uFEFF' + csvLine(columns.map((c) => csvField(c.header())));
	for await (const row of table.rows) {
		buffer += csvLine(columns.map((c) => csvField(c.value(row), c.kind)));
		if (buffer.length >= 64 * 1024) {
			yield buffer;
			buffer = '';
		}
	}
	yield buffer;
}

// ——— XLSX ———

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (a stray control character would corrupt the file).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlText(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function columnLetters(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	}
	return name;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel's day number (days since 1899-12-30) for a 'YYYY-MM-DD' day. */
export function excelDay(day: string): number | null {
	const match = DAY.exec(day);
	if (!match) return null;
	const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return ms / 86_400_000 + 25_569;
}

// Style 1 shows a date as yyyy-mm-dd, style 2 is the bold header.
const STYLE_DATE = 1;
const STYLE_HEADER = 2;

function xlsxCell(ref: string, value: Cell, kind: Column<unknown>['kind'], style = 0): string {
	if (value === null || value === undefined || value === '') return '';
	if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) {
		return `<c r="${ref}"><v>${value}</v></c>`;
	}
	if (kind === 'date' && typeof value === 'string') {
		const serial = excelDay(value);
		if (serial !== null) return `<c r="${ref}" s="${STYLE_DATE}"><v>${serial}</v></c>`;
	}
	// Inline strings need no shared-string table, which would have to be held until the end.
	const text = String(value);
	const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
	const s = style ? ` s="${style}"` : '';
	return `<c r="${ref}" t="inlineStr"${s}><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
	return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

async function* sheetXml<T>(table: ExportTable<T>): AsyncGenerator<Uint8Array> {
	const encoder = new TextEncoder();
	const letters = table.columns.map((_, i) => columnLetters(i));
	const row = (n: number, cells: string[]) => `<row r="${n}">${cells.join('')}</row>`;
	let buffer =
		HEAD +
		`<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
		'<sheetViews><sheetView workbookViewId="0">' +
		'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
		'</sheetView></sheetViews><sheetData>' +
		row(
			1,
			table.columns.map((c, i) => xlsxCell(`${letters[i]}1`, c.header(), 'text', STYLE_HEADER))
		);
	let n = 1;
	for await (const record of table.rows) {
		n++;
		buffer += row(
			n,
			table.columns.map((c, i) => xlsxCell(`${letters[i]}${n}`, c.value(record), c.kind))
		);
		if (buffer.length >= 64 * 1024) {
			yield encoder.encode(buffer);
			buffer = '';
		}
	}
	yield encoder.encode(buffer + '</sheetData></worksheet>');
}

const STYLES =
	HEAD +
	`<styleSheet xmlns="${MAIN}">` +
	'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
	'<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill>' +
	'<fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

/** An XLSX workbook with one sheet, streamed as a zip whose sheet is written row by row. */
export function xlsxChunks<T>(table: ExportTable<T>, title: string): AsyncGenerator<Uint8Array> {
	const text = (s: string) => [new TextEncoder().encode(s)];
	const sheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
	return zipStream([
		{
			name: '[Content_Types].xml',
			data: text(
				HEAD +
					'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
					`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
					'<Default Extension="xml" ContentType="application/xml"/>' +
					`<Override PartName="/xl/workbook.xml" ContentType="${sheet}.sheet.main+xml"/>` +
					`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${sheet}.worksheet+xml"/>` +
					`<Override PartName="/xl/styles.xml" ContentType="${sheet}.styles+xml"/>` +
					'</Types>'
			)
		},
		{
			name: '_rels/.rels',
			data: text(
				HEAD +
					`<Relationships xmlns="${PKG_REL}">` +
					`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
					'</Relationships>'
			)
		},
		{
			name: 'xl/workbook.xml',
			data: text(
				HEAD +
					`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
					`<sheet name="${xmlText(sheetName(title))}" sheetId="1" r:id="rId1"/>` +
					'</sheets></workbook>'
			)
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: text(
				HEAD +
					`<Relationships xmlns="${PKG_REL}">` +
					`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
					`<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
					'</Relationships>'
			)
		},
		{ name: 'xl/styles.xml', data: text(STYLES) },
		{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(table) }
	]);
}

// ——— The HTTP answer ———

const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** The file's bytes, whichever the format. */
export function exportChunks<T>(
	format: ExportFormat,
	table: ExportTable<T>,
	title = table.name
): AsyncGenerator<Uint8Array> {
	if (format === 'xlsx') return xlsxChunks(table, title);
	const encoder = new TextEncoder();
	return (async function* () {
		for await (const text of csvChunks(table)) yield encoder.encode(text);
	})();
}

/**
 * A download that is written while it is sent. Headers and labels are translated in the
 * reader's language: the stream is pulled after the request handler has returned, so each pull
 * runs bound to the request's context (where the current language lives).
 */
export function exportResponse<T>(
	format: ExportFormat,
	table: ExportTable<T>,
	options: { title?: string; day: string }
): Response {
	const chunks = exportChunks(format, table, options.title);
	const body = new ReadableStream<Uint8Array>({
		pull: AsyncResource.bind(async (controller: ReadableStreamDefaultController<Uint8Array>) => {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		}),
		cancel: async () => {
			await chunks.return(undefined);
		}
	});
	const file = `${table.name}-${options.day}.${format}`;
	return new Response(body, {
		headers: {
			'Content-Type': CONTENT_TYPES[format],
			'Content-Disposition': `attachment; filename="${file}"`,
			// Exports can hold personal data: never keep them in a shared cache.
			'Cache-Control': 'private, no-store'
		}
	});
}
