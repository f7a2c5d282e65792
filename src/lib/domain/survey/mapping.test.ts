import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ITEMS, REQUIRED_COLUMNS, TEMPLATE_COLUMNS, templateCsv } from './columns';
import {
	applyMapping,
	guessColumn,
	normalizeAge,
	normalizeAnswer,
	normalizeGrade,
	normalizeSex,
	resolveMapping
} from './mapping';
import { readSurveyFile, type SurveyTable } from './parse';

function fixtureTable(name: string): SurveyTable {
	const bytes = readFileSync(new URL(`../../../../tests/fixtures/survey/${name}`, import.meta.url));
	const result = readSurveyFile(new Uint8Array(bytes), name);
	if (!result.ok) throw new Error(result.code);
	return result.table;
}

describe('matching headers to the template', () => {
	it.each([
		['grade', 'grade'],
		['Grado', 'grade'],
		['  GRADO ', 'grade'],
		['Sexo', 'sex'],
		['Género', 'sex'],
		['edad', 'age'],
		['Edad (años)', 'age'],
		['alcohol_days_30', 'alcohol_days_30'],
		['alcohol_dias_30', 'alcohol_days_30'],
		['Alcohol días 30', 'alcohol_days_30'],
		['Consumo de alcohol', 'alcohol_days_30'],
		['Riesgo alcohol', 'alcohol_risk'],
		['riesgo_tabaco', 'tobacco_risk'],
		['Padres - Marihuana', 'marijuana_parent_wrong'],
		['amigos_cigarrillos_mal', 'tobacco_peer_wrong'],
		['RX misuse days 30', 'rx_days_30'],
		['Medicamentos sin receta: riesgo', 'rx_risk']
	])('%s → %s', (header, column) => {
		expect(guessColumn(header)).toBe(column);
	});

	it.each(['', 'nombre', 'colegio', 'alcohol', 'alcohol tabaco riesgo', 'riesgo'])(
		'leaves %j unmatched',
		(header) => {
			expect(guessColumn(header)).toBeNull();
		}
	);

	it('lets an explicit mapping choose a column or declare it absent', () => {
		const header = ['Grado escolar', 'G2', 'alcohol_days_30', 'alcohol_days_30', 'Extra'];
		const auto = resolveMapping(header);
		expect(auto.index.grade).toBe(0);
		expect(auto.index.alcohol_days_30).toBe(2);
		expect(auto.unmapped).toEqual(['G2', 'alcohol_days_30', 'Extra']);
		expect(auto.missing).toEqual(
			REQUIRED_COLUMNS.filter((c) => !['grade', 'alcohol_days_30'].includes(c))
		);

		const chosen = resolveMapping(header, {
			grade: 'g2',
			alcohol_days_30: null,
			...Object.fromEntries(ITEMS.slice(1).map((i) => [i.column, null]))
		});
		expect(chosen.index.grade).toBe(1);
		expect(chosen.index.alcohol_days_30).toBeNull();
		expect(chosen.used.grade).toBe('G2');
		expect(chosen.missing).toEqual([]);
		expect(resolveMapping(header, { grade: null }).missing).toContain('grade');
	});

	it('finds the required columns that a file lacks', () => {
		const mapping = resolveMapping(fixtureTable('missing-column.csv').header);
		expect(mapping.missing).toEqual(['grade', 'rx_peer_wrong']);
	});

	it('maps every Spanish header of the Windows-1252 fixture', () => {
		const mapping = resolveMapping(fixtureTable('spanish-1252.csv').header);
		expect(mapping.missing).toEqual([]);
		expect(mapping.unmapped).toEqual([]);
		expect(TEMPLATE_COLUMNS.map((c) => mapping.index[c])).toEqual(
			TEMPLATE_COLUMNS.map((_, i) => i)
		);
	});

	it('offers a template whose header maps to itself', () => {
		const [header, ...rows] = templateCsv().trim().split('\r\n');
		expect(header.split(',')).toEqual([...TEMPLATE_COLUMNS]);
		expect(rows).toHaveLength(2);
		expect(rows[0].split(',')).toHaveLength(TEMPLATE_COLUMNS.length);
	});
});

describe('reading answers', () => {
	it.each([
		['6P', '6P'],
		['1S', '1S'],
		['5s', '5S'],
		['1ro sec', '1S'],
		['1° secundaria', '1S'],
		['1º Secundaria', '1S'],
		['2do A', '2S'],
		['3er año', '3S'],
		['Quinto de secundaria', '5S'],
		['6to primaria', '6P'],
		['6° primaria', '6P'],
		['Sexto grado', '6P'],
		['4', '4S'],
		['6', '6P'],
		['7', null],
		['5to primaria', null],
		['6to secundaria', null],
		['1S 2S', null],
		['colegio', null],
		['', null]
	])('grade %j → %s', (text, grade) => {
		expect(normalizeGrade(text)).toBe(grade);
	});

	it.each([
		['F', 'F'],
		['Mujer', 'F'],
		['femenino', 'F'],
		['Female', 'F'],
		['M', 'M'],
		['Hombre', 'M'],
		['Masculino', 'M'],
		['varón', 'M'],
		['', null],
		['Prefiero no decir', null],
		['Z', undefined]
	])('sex %j → %s', (text, sex) => {
		expect(normalizeSex(text)).toBe(sex);
	});

	it.each([
		['past30_use', '0', 0],
		['past30_use', '30', 30],
		['past30_use', '2.0', 2],
		['past30_use', '31', undefined],
		['past30_use', '2.5', undefined],
		['past30_use', '-1', undefined],
		['past30_use', '1-2 días', 1],
		['past30_use', '3 a 5 días', 3],
		['past30_use', '20 o más', 20],
		['past30_use', '20+', 20],
		['past30_use', 'Ninguno', 0],
		['past30_use', 'Nunca', 0],
		['past30_use', 'Todos los días', 30],
		['past30_use', '5-2', undefined],
		['past30_use', 'x', undefined],
		['past30_use', '', null],
		['perceived_risk', '3', 3],
		['perceived_risk', '5', undefined],
		['perceived_risk', '0', undefined],
		['perceived_risk', 'Ningún riesgo', 1],
		['perceived_risk', 'Sin riesgo', 1],
		['perceived_risk', 'Poco riesgo', 2],
		['perceived_risk', 'Riesgo leve', 2],
		['perceived_risk', 'Riesgo moderado', 3],
		['perceived_risk', 'Gran riesgo', 4],
		['perceived_risk', 'Mucho riesgo', 4],
		['perceived_risk', 'Great risk', 4],
		['perceived_risk', '3 - Riesgo moderado', 3],
		['perceived_risk', '3 - Gran riesgo', undefined],
		['perceived_risk', 'No sé', null],
		['parental_disapproval', 'Muy mal', 1],
		['parental_disapproval', 'Mal', 2],
		['parental_disapproval', 'Un poco mal', 3],
		['parental_disapproval', 'Nada mal', 4],
		['peer_disapproval', 'Very wrong', 1],
		['peer_disapproval', 'A little bit wrong', 3],
		['peer_disapproval', 'Not wrong at all', 4],
		['peer_disapproval', 'Gran riesgo', undefined]
	] as const)('%s %j → %s', (measure, text, answer) => {
		expect(normalizeAnswer(measure, text)).toBe(answer);
	});

	it.each([
		['12', 12],
		['12 años', 12],
		['12.0', 12],
		['', null],
		['abc', undefined],
		['4', undefined],
		['35', undefined]
	])('age %j → %s', (text, age) => {
		expect(normalizeAge(text)).toBe(age);
	});
});

describe('applying the mapping to a file with problems', () => {
	const mapped = applyMapping(fixtureTable('problems.csv'));

	it('lists each problem with its line, column and value', () => {
		expect(mapped.problems).toEqual([
			{ line: 4, column: 'alcohol_days_30', value: 'x', code: 'answer_invalid' },
			{ line: 5, column: 'alcohol_days_30', value: '31', code: 'answer_invalid' },
			{ line: 5, column: 'alcohol_risk', value: '5', code: 'answer_invalid' },
			{ line: 7, column: 'grade', value: '7S', code: 'grade_invalid' },
			{ line: 8, column: 'sex', value: 'Z', code: 'sex_invalid' },
			{ line: 9, column: 'age', value: 'abc', code: 'age_invalid' },
			{ line: 10, column: 'grade', value: '', code: 'grade_blank' }
		]);
		expect(mapped.problemCounts).toEqual({
			answer_invalid: 3,
			grade_invalid: 1,
			sex_invalid: 1,
			age_invalid: 1,
			grade_blank: 1
		});
		expect(mapped).toMatchObject({ rowsTotal: 10, rowsWithProblems: 6, rowsSkipped: 2 });
	});

	it('keeps rows with a grade; blank, unreadable and "don\'t know" answers become null', () => {
		expect(mapped.respondents.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 8, 9, 11]);
		expect(mapped.respondents.map((r) => r.sex)).toEqual([
			'F',
			null,
			'M',
			'M',
			'F',
			null,
			'F',
			'M'
		]);
		const line5 = mapped.respondents.find((r) => r.line === 5)!;
		expect(line5.answers.slice(0, 4)).toEqual([null, null, 1, 1]);
		const line11 = mapped.respondents.find((r) => r.line === 11)!;
		expect(line11.answers[ITEMS.findIndex((i) => i.column === 'tobacco_peer_wrong')]).toBeNull();
	});

	it('stops listing after the limit but keeps counting', () => {
		const capped = applyMapping(fixtureTable('problems.csv'), {}, 2);
		expect(capped.problems).toHaveLength(2);
		expect(capped.problemCounts.answer_invalid).toBe(3);
	});
});
