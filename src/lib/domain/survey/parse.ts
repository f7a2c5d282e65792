/**
 * Reading an uploaded survey file into a table of text cells: CSV in UTF-8 (with or without BOM),
 * UTF-16 (Excel's "Unicode text") or Windows-1252, delimited by comma, semicolon or tab; or the
 * first sheet of an XLSX/XLS workbook. Every row keeps the line it came from, so problems can be
 * reported the way the user sees the file.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';

export interface SurveyRow {
	/** 1-based line (CSV) or row number (spreadsheet) where the row starts */
	line: number;
	cells: string[];
}

export interface SurveyTable {
	header: string[];
	/** the header's line */
	headerLine: number;
	rows: SurveyRow[];
	format: 'csv' | 'xlsx';
	encoding: 'utf-8' | 'utf-16' | 'windows-1252' | null;
	delimiter: ',' | ';' | '\t' | null;
}

export type ReadRefusal = 'encoding_unreadable' | 'no_rows' | 'unreadable_file';

export type ReadResult = { ok: true; table: SurveyTable } | { ok: false; code: ReadRefusal };

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

function isSpreadsheet(bytes: Uint8Array, fileName: string): boolean {
	// ZIP (xlsx) or OLE2 (xls) signatures; the name alone is not trusted, since CSVs get renamed.
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return true;
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return true;
	return /\.xlsx?$/i.test(fileName) && !looksLikeText(bytes);
}

function looksLikeText(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, 4096);
	for (let i = 0; i < n; i++) if (bytes[i] === 0) return false;
	return true;
}

// Control characters other than tab, line feed and carriage return mean the bytes are not text
// in the encoding we tried (or not text at all).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/** The file's text, or null when it is in no encoding we read. */
export function decodeText(
	bytes: Uint8Array
): { text: string; encoding: 'utf-8' | 'utf-16' | 'windows-1252' } | null {
	let text: string | null = null;
	let encoding: 'utf-8' | 'utf-16' | 'windows-1252' = 'utf-8';
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		text = tryDecode('utf-8', bytes.subarray(3));
	} else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		encoding = 'utf-16';
		text = tryDecode(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', bytes.subarray(2));
	} else {
		text = tryDecode('utf-8', bytes);
		if (text === null) {
			encoding = 'windows-1252';
			text = new TextDecoder('windows-1252').decode(bytes);
		}
	}
	if (text === null || CONTROL.test(text)) return null;
	return { text, encoding };
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
	try {
		return new TextDecoder(label, { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

/** The delimiter that appears most often in the header line, outside quotes; comma on a tie. */
export function detectDelimiter(text: string): Delimiter {
	const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) {
			// Leading blank lines come before the header; stop at the end of the first real line.
			if ([...counts.values()].some((n) => n > 0)) break;
		} else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
	}
	let best: Delimiter = ',';
	for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
	return best;
}

function isBlank(cells: string[]): boolean {
	return cells.every((c) => c.trim() === '');
}

/** Header = the first non-blank row; blank rows are dropped; at least one data row is needed. */
function toTable(
	records: SurveyRow[],
	format: SurveyTable['format'],
	encoding: SurveyTable['encoding'],
	delimiter: SurveyTable['delimiter']
): ReadResult {
	const nonBlank = records.filter((r) => !isBlank(r.cells));
	if (nonBlank.length < 2) return { ok: false, code: 'no_rows' };
	const [head, ...rows] = nonBlank;
	return {
		ok: true,
		table: {
			header: head.cells.map((c) => c.trim()),
			headerLine: head.line,
			rows,
			format,
			encoding,
			delimiter
		}
	};
}

function readCsv(bytes: Uint8Array): ReadResult {
	const decoded = decodeText(bytes);
	if (!decoded) return { ok: false, code: 'encoding_unreadable' };
	if (decoded.text.trim() === '') return { ok: false, code: 'no_rows' };
	const delimiter = detectDelimiter(decoded.text);
	let parsed: string[][];
	try {
		// Empty lines are kept (as one empty cell) so that counting records counts lines; csv-parse's
		// own `info` would do it too, at twice the cost on a large file.
		parsed = parseCsv(decoded.text, {
			delimiter,
			relax_column_count: true,
			relax_quotes: true
		});
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	let line = 1;
	const records = parsed.map((cells) => {
		const record = { line, cells };
		line++;
		// A quoted line break inside a cell moves the next record down.
		for (const cell of cells) {
			if (cell.length === 0 || (!cell.includes('\n') && !cell.includes('\r'))) continue;
			line += cell.includes('\n') ? cell.split('\n').length - 1 : cell.split('\r').length - 1;
		}
		return record;
	});
	return toTable(records, 'csv', decoded.encoding, delimiter);
}

function readSpreadsheet(bytes: Uint8Array): ReadResult {
	let rows: string[][];
	let firstRow = 0;
	try {
		const book = XLSX.read(bytes, { type: 'array', dense: true });
		const sheet = book.Sheets[book.SheetNames[0]];
		if (!sheet) return { ok: false, code: 'no_rows' };
		firstRow = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']).s.r : 0;
		rows = XLSX.utils.sheet_to_json<string[]>(sheet, {
			header: 1,
			raw: false,
			defval: '',
			blankrows: true
		});
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	const records = rows.map((cells, i) => ({
		line: firstRow + i + 1,
		cells: cells.map((c) => (c === null || c === undefined ? '' : String(c)))
	}));
	return toTable(records, 'xlsx', null, null);
}

/** Reads a CSV or spreadsheet file, or says why it cannot be read. */
export function readSurveyFile(bytes: Uint8Array, fileName: string): ReadResult {
	if (bytes.length === 0) return { ok: false, code: 'no_rows' };
	if (isSpreadsheet(bytes, fileName)) return readSpreadsheet(bytes);
	return readCsv(bytes);
}
