import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readSurveyFile, type SurveyTable } from './parse';

function fixture(name: string): Uint8Array {
	return new Uint8Array(
		readFileSync(new URL(`../../../../tests/fixtures/survey/${name}`, import.meta.url))
	);
}

function table(bytes: Uint8Array, name = 'survey.csv'): SurveyTable {
	const result = readSurveyFile(bytes, name);
	if (!result.ok) throw new Error(`refused: ${result.code}`);
	return result.table;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('reading survey files', () => {
	it('reads the clean template file with the line of every row', () => {
		const t = table(fixture('clean.csv'));
		expect(t).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerLine: 1 });
		expect(t.header).toHaveLength(19);
		expect(t.header.slice(0, 4)).toEqual(['grade', 'sex', 'age', 'alcohol_days_30']);
		expect(t.rows).toHaveLength(30);
		expect(t.rows[0]).toEqual({
			line: 2,
			cells: [
				'1S',
				'F',
				'12',
				'0',
				'4',
				'1',
				'1',
				'0',
				'4',
				'1',
				'1',
				'0',
				'4',
				'1',
				'1',
				'0'
			].concat(['3', '1', '1'])
		});
		expect(t.rows.at(-1)!.line).toBe(31);
	});

	it('reads Windows-1252 with semicolons and Spanish accents', () => {
		const t = table(fixture('spanish-1252.csv'));
		expect(t).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
		expect(t.header[3]).toBe('Alcohol días 30');
		expect(t.rows[0].cells[0]).toBe('1° secundaria');
		expect(t.rows[2].cells[4]).toBe('Ningún riesgo');
		expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
	});

	it('strips a UTF-8 BOM and finds tabs', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('grado\tsexo\n1S\tF\n')]);
		const t = table(bytes);
		expect(t).toMatchObject({ encoding: 'utf-8', delimiter: '\t', header: ['grado', 'sexo'] });
		expect(t.rows).toEqual([{ line: 2, cells: ['1S', 'F'] }]);
	});

	it("reads Excel's UTF-16 text export", () => {
		const text = 'grado\tsexo\r\n1° sec\tMujer\r\n';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
			bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
		}
		expect(table(bytes)).toMatchObject({
			encoding: 'utf-16',
			rows: [{ line: 2, cells: ['1° sec', 'Mujer'] }]
		});
	});

	it('counts lines through blank lines and quoted line breaks', () => {
		const t = table(utf8('\n"grade","note"\n1S,"two\nlines"\n\n2S,x\n'));
		expect(t.headerLine).toBe(2);
		expect(t.rows).toEqual([
			{ line: 3, cells: ['1S', 'two\nlines'] },
			{ line: 6, cells: ['2S', 'x'] }
		]);
		const crlf = table(utf8('grade,note\r\n1S,"a\r\nb"\r\n  \r\n,,\r\n2S,c'));
		expect(crlf.rows).toEqual([
			{ line: 2, cells: ['1S', 'a\r\nb'] },
			{ line: 6, cells: ['2S', 'c'] }
		]);
	});

	it('picks the delimiter from the header line, ignoring quoted ones', () => {
		expect(detectDelimiter('a;b;"c,d,e"\n1,2,3,4,5,6')).toBe(';');
		expect(detectDelimiter('a,b\tc,d')).toBe(',');
		expect(detectDelimiter('\r\n\r\ngrade\tsex\tage\n')).toBe('\t');
		expect(detectDelimiter('grade')).toBe(',');
	});

	it('refuses files with no rows, unreadable bytes or a broken workbook', () => {
		expect(readSurveyFile(fixture('empty.csv'), 'empty.csv')).toEqual({
			ok: false,
			code: 'no_rows'
		});
		expect(readSurveyFile(new Uint8Array(), 'x.csv')).toEqual({ ok: false, code: 'no_rows' });
		expect(readSurveyFile(utf8('\n \n\n'), 'x.csv')).toEqual({ ok: false, code: 'no_rows' });
		expect(readSurveyFile(new Uint8Array([0x67, 0x00, 0x01, 0x02]), 'x.csv')).toEqual({
			ok: false,
			code: 'encoding_unreadable'
		});
		// 0x81 has no character in Windows-1252 and is not valid UTF-8 either.
		expect(readSurveyFile(new Uint8Array([0x61, 0x81, 0x0a, 0x62]), 'x.csv')).toEqual({
			ok: false,
			code: 'encoding_unreadable'
		});
		expect(
			readSurveyFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'x.xlsx')
		).toEqual({ ok: false, code: 'unreadable_file' });
	});

	it('reads the first sheet of a workbook, numbering rows as the spreadsheet does', () => {
		const book = XLSX.utils.book_new();
		const sheet = XLSX.utils.aoa_to_sheet([
			['Grado', 'Sexo', 'Edad'],
			['1S', 'F', 12],
			[],
			['6to primaria', 'M', 11]
		]);
		XLSX.utils.book_append_sheet(book, sheet, 'Encuesta');
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['other']]), 'Notas');
		const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
		const t = table(bytes, 'encuesta.xlsx');
		expect(t).toMatchObject({ format: 'xlsx', header: ['Grado', 'Sexo', 'Edad'] });
		expect(t.rows).toEqual([
			{ line: 2, cells: ['1S', 'F', '12'] },
			{ line: 4, cells: ['6to primaria', 'M', '11'] }
		]);
	});
});
