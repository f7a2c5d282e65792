import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import {
	csvField,
	excelDay,
	exportChunks,
	exportResponse,
	keysetBatches,
	type ExportTable
} from './table';

interface Row {
	name: string;
	count: number | null;
	day: string | null;
}

function table(rows: Row[]): ExportTable<Row> {
	return {
		name: 'test',
		columns: [
			{ header: () => 'Nombre', value: (r) => r.name },
			{ header: () => 'Cantidad', value: (r) => r.count, kind: 'number' },
			{ header: () => 'Día', value: (r) => r.day, kind: 'date' }
		],
		rows
	};
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const chunk of chunks) parts.push(chunk);
	return Buffer.concat(parts);
}

const tricky: Row[] = [
	{ name: 'Villa "El Salvador", Lima', count: 12, day: '2024-03-05' },
	{ name: '=HYPERLINK("http://x")', count: -3, day: null },
	{ name: 'línea 1\nlínea 2', count: null, day: '2009-12-31' },
	{ name: '+51 999 888 777', count: 0, day: '1999-01-01' },
	{ name: '@SUM(A1)', count: 2.5, day: null },
	{ name: '-resta', count: 1, day: null }
];

describe('CSV', () => {
	it('starts with a byte-order mark and ends lines with CRLF', async () => {
		const bytes = await bytesOf(exportChunks('csv', table(tricky.slice(0, 1))));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(bytes.subarray(3).toString('utf8')).toBe(
			'Nombre,Cantidad,Día\r\n"Villa ""El Salvador"", Lima",12,2024-03-05\r\n'
		);
	});

	it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
		expect(csvField('plain')).toBe('plain');
		expect(csvField(null)).toBe('');
	});

	it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
		expect(csvField('=1+1')).toBe("'=1+1");
		expect(csvField('+51 999')).toBe("'+51 999");
		expect(csvField('-resta')).toBe("'-resta");
		expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvField('\t=cmd')).toBe("'\t=cmd");
		expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvField(-3, 'number')).toBe('-3');
		expect(csvField('-3', 'text')).toBe("'-3");
	});
});

describe('XLSX', () => {
	it('is a workbook the xlsx library reads back, with numbers, dates and text as typed', async () => {
		const bytes = await bytesOf(exportChunks('xlsx', table(tricky), 'Coaliciones'));
		const book = XLSX.read(bytes, { type: 'buffer', cellDates: false });
		expect(book.SheetNames).toEqual(['Coaliciones']);
		const sheet = book.Sheets.Coaliciones;
		const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
		expect(rows[0]).toEqual(['Nombre', 'Cantidad', 'Día']);
		expect(rows[1][0]).toBe('Villa "El Salvador", Lima');
		expect(sheet.B2).toMatchObject({ t: 'n', v: 12 });
		expect(sheet.B3).toMatchObject({ t: 'n', v: -3 });
		expect(sheet.B6).toMatchObject({ t: 'n', v: 2.5 });
		// A date cell holds Excel's day number and shows as an ISO day.
		expect(sheet.C2).toMatchObject({ t: 'n', v: excelDay('2024-03-05'), w: '2024-03-05' });
		// In XLSX text is never a formula, so it is kept exactly as typed.
		expect(sheet.A3).toMatchObject({ t: 's', v: '=HYPERLINK("http://x")' });
		expect(sheet.A3.f).toBeUndefined();
		expect(sheet.A4.v).toBe('línea 1\nlínea 2');
		expect(rows).toHaveLength(tricky.length + 1);
	});

	it('drops characters XML cannot carry instead of writing a broken file', async () => {
		const bytes = await bytesOf(
			exportChunks('xlsx', table([{ name: 'a\u0001b<c>&', count: 1, day: null }]))
		);
		const book = XLSX.read(bytes, { type: 'buffer' });
		expect(book.Sheets[book.SheetNames[0]].A2.v).toBe('ab<c>&');
	});

	it('writes 20,000 rows that all come back', async () => {
		const many = Array.from({ length: 20_000 }, (_, i) => ({
			name: `Coalición ${i}`,
			count: i,
			day: '2020-01-01'
		}));
		const bytes = await bytesOf(exportChunks('xlsx', table(many)));
		const book = XLSX.read(bytes, { type: 'buffer' });
		const rows = XLSX.utils.sheet_to_json<Row>(book.Sheets[book.SheetNames[0]]);
		expect(rows).toHaveLength(20_000);
		expect(rows[19_999]).toMatchObject({ Nombre: 'Coalición 19999', Cantidad: 19_999 });
	});
});

describe('keyset batches', () => {
	it('asks for the next batch after the last row until a short batch', async () => {
		const all = Array.from({ length: 1_001 }, (_, i) => i);
		const asked: (number | null)[] = [];
		const read: number[] = [];
		for await (const n of keysetBatches<number>(async (after, size) => {
			asked.push(after);
			return all.filter((v) => after === null || v > after).slice(0, size);
		}, 500)) {
			read.push(n);
		}
		expect(read).toEqual(all);
		expect(asked).toEqual([null, 499, 999]);
	});
});

describe('the download', () => {
	it('is an attachment named after the list and the day, never cached', async () => {
		const response = exportResponse('csv', table(tricky), { day: '2026-11-27' });
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="test-2026-11-27.csv"'
		);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('cache-control')).toContain('no-store');
		const text = await response.text();
		expect(text.split('\r\n')).toHaveLength(tricky.length + 2);
	});
});
