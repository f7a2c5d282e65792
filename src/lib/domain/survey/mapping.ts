/**
 * From a file's own columns and answers to the template's: headers are matched whatever their
 * case, accents, spacing or language ("Grado", "alcohol_dias_30", "Riesgo alcohol"), and text
 * answers in Spanish or English ("Muy mal", "Gran riesgo", "1ro sec", "Mujer") become the
 * template's codes. An explicit mapping (the page's mapping step, the CLI's --map) overrides the
 * guess. Every answer that cannot be read is reported with its line, column and value.
 */
import {
	ANSWER_RANGE,
	GRADES,
	ITEMS,
	REQUIRED_COLUMNS,
	TEMPLATE_COLUMNS,
	type Grade,
	type Measure,
	type Sex,
	type Substance,
	type TemplateColumn
} from './columns';
import type { SurveyTable } from './parse';

/** Template column → the file's header text, or null for "this file does not have it". */
export type ColumnMapping = Partial<Record<TemplateColumn, string | null>>;

export type RowProblemCode =
	'grade_blank' | 'grade_invalid' | 'sex_invalid' | 'age_invalid' | 'answer_invalid';

/** Problems that keep a whole row out of the computation (the others affect one item). */
export const ROW_SKIPPING_PROBLEMS: readonly RowProblemCode[] = ['grade_blank', 'grade_invalid'];

export interface RowProblem {
	line: number;
	column: TemplateColumn;
	value: string;
	code: RowProblemCode;
}

export interface Respondent {
	line: number;
	/** index into the table's rows, to find the raw answers again */
	row: number;
	grade: Grade;
	sex: Sex | null;
	age: number | null;
	/** one per ITEMS entry: the normalized answer, or null (blank, invalid, not asked) */
	answers: (number | null)[];
}

/** Lowercase, accent-free words separated by single spaces: "1° Secundaria" → "1 secundaria". */
export function normalizeWords(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const HEADER_ALIASES: Record<'grade' | 'sex' | 'age', string[]> = {
	grade: ['grade', 'grado', 'grado escolar', 'grado de estudios', 'curso', 'ano', 'anio', 'year'],
	sex: ['sex', 'sexo', 'genero', 'gender'],
	age: ['age', 'edad', 'edad anos', 'anos', 'edad en anos']
};

const SUBSTANCE_WORDS: Record<Substance, string[]> = {
	alcohol: ['alcohol', 'alc', 'licor', 'alcoholicas'],
	tobacco: ['tobacco', 'tabaco', 'cigarette', 'cigarettes', 'cigarrillo', 'cigarrillos', 'cig'],
	marijuana: ['marijuana', 'marihuana', 'mariguana', 'cannabis'],
	rx: ['rx', 'medicamentos', 'medicinas', 'pastillas', 'prescription', 'farmacos', 'rxmisuse']
};

// Order matters: "amigos_alcohol_mal" is about friends, not about use.
const MEASURE_WORDS: [Measure, string[]][] = [
	[
		'parental_disapproval',
		['parent', 'parents', 'parental', 'padres', 'padre', 'papas', 'familia']
	],
	['peer_disapproval', ['peer', 'peers', 'friends', 'amigos', 'amigas', 'pares', 'companeros']],
	['perceived_risk', ['risk', 'riesgo', 'peligro', 'harm', 'dano']],
	['past30_use', ['days', 'dias', '30', '30d', 'past30', 'uso', 'consumo', 'use', 'mes', 'month']]
];

/** Which template column a header names, if any. */
export function guessColumn(header: string): TemplateColumn | null {
	const words = normalizeWords(header);
	if (!words) return null;
	const key = words.replace(/ /g, '_');
	if ((TEMPLATE_COLUMNS as readonly string[]).includes(key)) return key as TemplateColumn;
	for (const [column, aliases] of Object.entries(HEADER_ALIASES)) {
		if (aliases.includes(words)) return column as TemplateColumn;
	}
	const tokens = words.split(' ');
	const substances = (Object.keys(SUBSTANCE_WORDS) as Substance[]).filter((s) =>
		tokens.some((t) => SUBSTANCE_WORDS[s].includes(t))
	);
	if (substances.length !== 1) return null;
	const measure = MEASURE_WORDS.find(([, ws]) => tokens.some((t) => ws.includes(t)))?.[0];
	if (!measure) return null;
	return ITEMS.find((i) => i.substance === substances[0] && i.measure === measure)!.column;
}

export interface ResolvedMapping {
	/** the column index in the file for each template column, or null */
	index: Record<TemplateColumn, number | null>;
	/** the header text used for each template column, or null */
	used: Record<TemplateColumn, string | null>;
	/** required columns neither found nor declared absent */
	missing: TemplateColumn[];
	/** the file's headers that feed no template column */
	unmapped: string[];
}

function findHeader(header: string[], name: string): number {
	const exact = header.indexOf(name);
	if (exact >= 0) return exact;
	const wanted = normalizeWords(name);
	return header.findIndex((h) => normalizeWords(h) === wanted);
}

/** The guess for every column, overridden by the explicit mapping where it says something. */
export function resolveMapping(header: string[], explicit: ColumnMapping = {}): ResolvedMapping {
	const index = Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c, null])) as Record<
		TemplateColumn,
		number | null
	>;
	const claimed = new Set<number>();
	for (const column of TEMPLATE_COLUMNS) {
		const name = explicit[column];
		if (typeof name === 'string' && name.trim() !== '') {
			const i = findHeader(header, name.trim());
			if (i >= 0) {
				index[column] = i;
				claimed.add(i);
			}
		}
	}
	header.forEach((h, i) => {
		if (claimed.has(i)) return;
		const column = guessColumn(h);
		// The first header that names a column keeps it; an explicit choice always wins.
		if (column && index[column] === null && explicit[column] === undefined) {
			index[column] = i;
			claimed.add(i);
		}
	});
	const missing = REQUIRED_COLUMNS.filter(
		(c) => index[c] === null && !(c !== 'grade' && explicit[c] === null)
	);
	return {
		index,
		used: Object.fromEntries(
			TEMPLATE_COLUMNS.map((c) => [c, index[c] === null ? null : header[index[c]!]])
		) as Record<TemplateColumn, string | null>,
		missing,
		unmapped: header.filter((h, i) => !claimed.has(i) && h !== '')
	};
}

const ORDINALS: Record<string, number> = {
	primero: 1,
	primer: 1,
	first: 1,
	segundo: 2,
	second: 2,
	tercero: 3,
	tercer: 3,
	third: 3,
	cuarto: 4,
	fourth: 4,
	quinto: 5,
	fifth: 5,
	sexto: 6,
	sixth: 6
};

/** "6P", "6to primaria", "1° secundaria", "1ro sec", "primero de secundaria", "3" → a grade. */
export function normalizeGrade(value: string): Grade | null {
	const words = normalizeWords(value);
	if (!words) return null;
	const compact = words.replace(/ /g, '');
	const code = /^([1-6])([ps])$/.exec(compact);
	if (code) {
		const grade = `${code[1]}${code[2].toUpperCase()}` as Grade;
		return GRADES.includes(grade) ? grade : null;
	}
	const primaria = /\bprim/.test(words);
	const secundaria = /\bsec/.test(words) || /\banos?\b/.test(words);
	if (primaria && secundaria) return null;
	const digits = words.match(/\d+/g) ?? [];
	let n: number | null = digits.length === 1 ? Number(digits[0]) : null;
	if (digits.length === 0) {
		const ordinal = words.split(' ').find((w) => ORDINALS[w] !== undefined);
		n = ordinal ? ORDINALS[ordinal] : null;
	}
	if (n === null) return null;
	const rest = words
		.replace(/\d+(ro|do|er|to|vo|mo|no|a|o|th|st|nd|rd)?\b/g, '')
		.split(' ')
		.filter(
			(w) =>
				w &&
				ORDINALS[w] === undefined &&
				!/^(prim\w*|sec\w*|de|del|grado|grade|ano|anos|nivel|year)$/.test(w)
		);
	// A class section may follow the grade ("2do A").
	if (rest.length > 1 || (rest.length === 1 && !/^[a-h]$/.test(rest[0]))) return null;
	if (primaria) return n === 6 ? '6P' : null;
	if (n >= 1 && n <= 5) return `${n}S` as Grade;
	if (n === 6 && !secundaria) return '6P';
	return null;
}

const FEMALE = ['f', 'fem', 'femenino', 'mujer', 'female', 'woman', 'girl', 'nina', 'chica'];
const MALE = ['m', 'masc', 'masculino', 'hombre', 'h', 'varon', 'v', 'male', 'man', 'boy', 'nino'];
const NO_SEX = ['otro', 'otra', 'other', 'prefiero no decir', 'prefer not to say', 'no responde'];

/** F, M, null for blank or "prefer not to say"; undefined when the answer cannot be read. */
export function normalizeSex(value: string): Sex | null | undefined {
	const words = normalizeWords(value);
	if (!words || NO_SEX.includes(words)) return null;
	if (FEMALE.includes(words)) return 'F';
	if (MALE.includes(words)) return 'M';
	return undefined;
}

/** Answers that are no answer: excluded from the item like a blank, without a problem. */
const DONT_KNOW = ['no se', 'no sabe', 'ns', 'nr', 'no responde', 'dont know', 'don t know', 'na'];

const RISK: Record<string, number> = {
	'ningun riesgo': 1,
	'sin riesgo': 1,
	'nada de riesgo': 1,
	'no risk': 1,
	'poco riesgo': 2,
	'riesgo leve': 2,
	'riesgo ligero': 2,
	'riesgo bajo': 2,
	'bajo riesgo': 2,
	'slight risk': 2,
	'riesgo moderado': 3,
	'moderado riesgo': 3,
	'riesgo medio': 3,
	'moderate risk': 3,
	'gran riesgo': 4,
	'mucho riesgo': 4,
	'riesgo grande': 4,
	'alto riesgo': 4,
	'riesgo alto': 4,
	'great risk': 4
};

const WRONG: Record<string, number> = {
	'muy mal': 1,
	'muy malo': 1,
	'very wrong': 1,
	mal: 2,
	malo: 2,
	wrong: 2,
	'un poco mal': 3,
	'poco mal': 3,
	'algo mal': 3,
	'a little bit wrong': 3,
	'a little wrong': 3,
	'nada mal': 4,
	'para nada mal': 4,
	'no esta mal': 4,
	'no estaria mal': 4,
	'not wrong at all': 4,
	'not wrong': 4
};

const NO_DAYS = ['ninguno', 'ningun dia', 'ningun', 'nunca', 'cero', 'none', 'never', 'no'];
const ALL_DAYS = ['todos los dias', 'diario', 'diariamente', 'every day', 'daily'];
const SOME_DAYS = ['si', 'yes'];

/** Days used in the past 30: the number, or a range's lower bound ("1-2 días", "20 o más"). */
function normalizeDays(words: string): number | null {
	if (NO_DAYS.includes(words)) return 0;
	if (ALL_DAYS.includes(words)) return 30;
	if (SOME_DAYS.includes(words)) return 1;
	const m =
		/^(\d{1,2})(?: (?:a|al|to|y|hasta) ?| )?(\d{1,2})?(?: (?:o mas|or more|mas))?(?: (?:dias?|days?|veces))?$/.exec(
			words
		);
	if (!m) return null;
	const low = Number(m[1]);
	const high = m[2] === undefined ? low : Number(m[2]);
	return low <= high && high <= 30 ? low : null;
}

/**
 * The template code of an answer, null for blank or "don't know" (the respondent is left out of
 * that item), or undefined when it cannot be read.
 */
export function normalizeAnswer(measure: Measure, value: string): number | null | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return null;
	// Numbers come straight from the template (and from spreadsheets, sometimes as "2.0").
	if (/^\d+(?:[.,]0+)?$/.test(trimmed)) {
		const n = Number.parseInt(trimmed, 10);
		const { min, max } = ANSWER_RANGE[measure];
		return n >= min && n <= max ? n : undefined;
	}
	// A decimal or a negative number would read as a range ("3.5" → "3 5") or lose its sign.
	if (/^\d+[.,]\d+$/.test(trimmed) || /^[-−]/.test(trimmed)) return undefined;
	const words = normalizeWords(trimmed);
	if (DONT_KNOW.includes(words)) return null;
	if (measure === 'past30_use') {
		const plus = /^(\d{1,2}) ?\+$/.exec(trimmed);
		return (plus ? normalizeDays(`${plus[1]} o mas`) : normalizeDays(words)) ?? undefined;
	}
	const scale = measure === 'perceived_risk' ? RISK : WRONG;
	// "3 - Riesgo moderado", "1. Muy mal": a scale code followed by its label.
	const coded = /^([1-4]) (.+)$/.exec(words);
	if (coded && (scale[coded[2]] === undefined || scale[coded[2]] === Number(coded[1]))) {
		return Number(coded[1]);
	}
	return scale[words] ?? undefined;
}

/** Ages of school students; anything else is reported (but does not exclude the row). */
export function normalizeAge(value: string): number | null | undefined {
	const words = normalizeWords(value);
	if (!words) return null;
	const m = /^(\d{1,2})(?: anos?)?$/.exec(words) ?? /^(\d{1,2}) 0+$/.exec(words);
	if (!m) return undefined;
	const n = Number(m[1]);
	return n >= 8 && n <= 21 ? n : undefined;
}

export interface MappedSurvey {
	mapping: ResolvedMapping;
	respondents: Respondent[];
	/** the first `maxProblems` problems, in file order */
	problems: RowProblem[];
	problemCounts: Partial<Record<RowProblemCode, number>>;
	rowsTotal: number;
	rowsWithProblems: number;
	/** rows left out entirely (no valid grade) */
	rowsSkipped: number;
}

/**
 * Reads every row through the mapping. A row without a valid grade is left out (and reported);
 * an unreadable sex counts as blank; an unreadable or blank answer leaves the respondent out of
 * that item only.
 */
export function applyMapping(
	table: SurveyTable,
	explicit: ColumnMapping = {},
	maxProblems = 200
): MappedSurvey {
	const mapping = resolveMapping(table.header, explicit);
	const problems: RowProblem[] = [];
	const problemCounts: Partial<Record<RowProblemCode, number>> = {};
	const respondents: Respondent[] = [];
	let rowsWithProblems = 0;
	let rowsSkipped = 0;
	const { index } = mapping;
	const itemIndex = ITEMS.map((i) => index[i.column]);
	const cell = (cells: string[], i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());

	table.rows.forEach((row, rowNumber) => {
		let rowHasProblem = false;
		const report = (column: TemplateColumn, value: string, code: RowProblemCode) => {
			rowHasProblem = true;
			problemCounts[code] = (problemCounts[code] ?? 0) + 1;
			if (problems.length < maxProblems) problems.push({ line: row.line, column, value, code });
		};
		const gradeText = cell(row.cells, index.grade);
		const grade = normalizeGrade(gradeText);
		if (!grade) report('grade', gradeText, gradeText === '' ? 'grade_blank' : 'grade_invalid');
		const sexText = cell(row.cells, index.sex);
		let sex = normalizeSex(sexText);
		if (sex === undefined) {
			report('sex', sexText, 'sex_invalid');
			sex = null;
		}
		const ageText = cell(row.cells, index.age);
		let age = normalizeAge(ageText);
		if (age === undefined) {
			report('age', ageText, 'age_invalid');
			age = null;
		}
		const answers = ITEMS.map((item, k) => {
			const text = cell(row.cells, itemIndex[k]);
			const answer = normalizeAnswer(item.measure, text);
			if (answer === undefined) {
				report(item.column, text, 'answer_invalid');
				return null;
			}
			return answer;
		});
		if (rowHasProblem) rowsWithProblems++;
		if (!grade) {
			rowsSkipped++;
			return;
		}
		respondents.push({ line: row.line, row: rowNumber, grade, sex, age, answers });
	});

	return {
		mapping,
		respondents,
		problems,
		problemCounts,
		rowsTotal: table.rows.length,
		rowsWithProblems,
		rowsSkipped
	};
}
