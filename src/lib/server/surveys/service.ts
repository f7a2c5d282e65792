/**
 * Local actionable data: youth survey imports, the core measures computed from them, custom
 * indicators with values and targets. Every function checks access first; a coalition outside
 * the actor's scope answers exactly like one that does not exist.
 *
 * Importing is two stateless steps so any server instance can answer either: previewSurvey reads
 * the file and reports, storing nothing; confirmSurvey gets the same file again, recomputes and
 * stores the counts in one transaction. Raw answers are only kept when the network asks for it.
 */
import { createHash } from 'node:crypto';
import { canEditCoalition, canEnterNetwork, isNetworkAdmin, type Actor } from '$lib/domain/access';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import {
	INDICATOR_FIELDS,
	indicatorSchema,
	periodText,
	SURVEY_SETTINGS_FIELDS,
	surveySettingsSchema,
	TARGET_FIELDS,
	targetSchema,
	VALUE_FIELDS,
	valueSchema,
	type IndicatorInput
} from '$lib/domain/schemas/indicator';
import {
	GRADES,
	INDICATOR_CODES,
	parseIndicatorCode,
	TEMPLATE_COLUMNS,
	type Grade,
	type IndicatorCode,
	type Measure,
	type Sex,
	type Substance,
	type TemplateColumn
} from '$lib/domain/survey/columns';
import {
	CELL_KEYS,
	computeCounts,
	parseCellKey,
	percent,
	poolCells,
	type CellKey,
	type Counts,
	type MeasureCounts
} from '$lib/domain/survey/compute';
import {
	applyMapping,
	type ColumnMapping,
	type MappedSurvey,
	type RowProblem,
	type RowProblemCode
} from '$lib/domain/survey/mapping';
import { readSurveyFile, type ReadRefusal, type SurveyTable } from '$lib/domain/survey/parse';
import { suppressTree, type TreeGroup } from '$lib/domain/survey/suppress';
import { slugify } from '$lib/domain/text';
import { recordAudit } from '../audit/service';
import { findCoalitionBySlug, mapCoalition, type Coalition } from '../coalitions/queries';
import { coalitionScope, requireCoalition } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { seedCoreIndicators } from './catalog';
import {
	coalitionsWithRegions,
	coalitionValueRows,
	coreIndicatorId,
	findIndicator,
	findUploadByHash,
	listIndicatorRows,
	listUploads,
	surveyCounts,
	surveyPeriods,
	surveySettings
} from './queries';

export { seedCoreIndicators } from './catalog';

/** Big enough for 100,000 answered rows; a larger file is almost certainly something else. */
export const MAX_SURVEY_BYTES = 30 * 1024 * 1024;
/** How many row problems a report lists; the counts cover them all. */
export const MAX_LISTED_PROBLEMS = 200;
/** Who stored an upload made with the command line. */
const OPERATOR = 'operator';

// ---------------------------------------------------------------------------------------------
// Import: preview → confirm

export interface SurveyFileInput {
	coalitionId: string;
	period: string;
	fileName: string;
	bytes: Uint8Array;
	/** the mapping step's choices: template column → the file's header, or null for "not asked" */
	mapping?: ColumnMapping;
	/** the hash the preview reported: confirming a different file is refused */
	expectedHash?: string;
}

export type SurveyRefusal = ReadRefusal | 'file_too_large' | 'missing_columns' | 'no_valid_rows';

export interface IndicatorTotal {
	indicator: IndicatorCode;
	numerator: number;
	denominator: number;
	percent: number | null;
}

export type SurveyPreview =
	| { status: 'invalid'; errors: FieldErrors<'period' | 'file'> }
	| {
			status: 'refused';
			code: SurveyRefusal;
			/** with missing_columns: what the mapping step needs to offer */
			missingColumns?: TemplateColumn[];
			header?: string[];
			mapping?: Record<TemplateColumn, string | null>;
			/** with no_valid_rows: why every row was left out */
			problems?: RowProblem[];
			problemCounts?: Partial<Record<RowProblemCode, number>>;
	  }
	| { status: 'duplicate'; uploadedAt: string; period: string; fileName: string }
	| SurveyReady;

export interface SurveyReady {
	status: 'ready';
	/** send back as expectedHash with the same file and mapping to confirm */
	fileHash: string;
	fileName: string;
	period: string;
	format: SurveyTable['format'];
	encoding: SurveyTable['encoding'];
	delimiter: SurveyTable['delimiter'];
	header: string[];
	/** template column → the header it was read from (null: not in the file) */
	mapping: Record<TemplateColumn, string | null>;
	unmappedHeaders: string[];
	rowsTotal: number;
	/** rows counted (rows without a valid grade are left out) */
	respondents: number;
	rowsSkipped: number;
	rowsWithProblems: number;
	/** the first MAX_LISTED_PROBLEMS problems, in file order */
	problems: RowProblem[];
	problemCounts: Partial<Record<RowProblemCode, number>>;
	respondentsByGrade: Partial<Record<Grade, number>>;
	totals: IndicatorTotal[];
	/** earlier uploads for the same period: this one will be added to them */
	uploadsInPeriod: number;
	/** whether the network keeps raw answers (the page should say so) */
	rawKept: boolean;
}

export type SurveyConfirm =
	| Exclude<SurveyPreview, SurveyReady>
	| { status: 'changed' }
	| (Omit<SurveyReady, 'status'> & { status: 'stored'; uploadId: string });

interface Analysis {
	result: SurveyPreview;
	table?: SurveyTable;
	mapped?: MappedSurvey;
	counts?: MeasureCounts;
}

function fileHash(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

async function analyze(db: Db, coalition: Coalition, input: SurveyFileInput): Promise<Analysis> {
	const errors: FieldErrors<'period' | 'file'> = {};
	const period = periodText.safeParse(String(input.period ?? ''));
	if (!period.success) errors.period = 'year_invalid';
	if (!input.bytes || (input.bytes.length === 0 && !input.fileName)) errors.file = 'required';
	if (Object.keys(errors).length) return { result: { status: 'invalid', errors } };
	if (input.bytes.length > MAX_SURVEY_BYTES) {
		return { result: { status: 'refused', code: 'file_too_large' } };
	}
	const hash = fileHash(input.bytes);
	const earlier = await findUploadByHash(db, coalition.id, hash);
	if (earlier) {
		return {
			result: {
				status: 'duplicate',
				uploadedAt: earlier.created_at,
				period: earlier.period,
				fileName: earlier.file_name
			}
		};
	}
	const read = readSurveyFile(input.bytes, input.fileName);
	if (!read.ok) return { result: { status: 'refused', code: read.code } };
	const mapped = applyMapping(read.table, input.mapping ?? {}, MAX_LISTED_PROBLEMS);
	if (mapped.mapping.missing.length > 0) {
		return {
			result: {
				status: 'refused',
				code: 'missing_columns',
				missingColumns: mapped.mapping.missing,
				header: read.table.header,
				mapping: mapped.mapping.used
			}
		};
	}
	if (mapped.respondents.length === 0) {
		return {
			result: {
				status: 'refused',
				code: 'no_valid_rows',
				problems: mapped.problems,
				problemCounts: mapped.problemCounts
			}
		};
	}
	const counts = computeCounts(mapped.respondents);
	const byGrade: Partial<Record<Grade, number>> = {};
	for (const r of mapped.respondents) byGrade[r.grade] = (byGrade[r.grade] ?? 0) + 1;
	const settings = await surveySettings(db, coalition.network_id);
	const uploadsInPeriod = (await listUploads(db, coalition.id, period.data)).length;
	return {
		table: read.table,
		mapped,
		counts,
		result: {
			status: 'ready',
			fileHash: hash,
			fileName: input.fileName,
			period: period.data!,
			format: read.table.format,
			encoding: read.table.encoding,
			delimiter: read.table.delimiter,
			header: read.table.header,
			mapping: mapped.mapping.used,
			unmappedHeaders: mapped.mapping.unmapped,
			rowsTotal: mapped.rowsTotal,
			respondents: mapped.respondents.length,
			rowsSkipped: mapped.rowsSkipped,
			rowsWithProblems: mapped.rowsWithProblems,
			problems: mapped.problems,
			problemCounts: mapped.problemCounts,
			respondentsByGrade: Object.fromEntries(
				GRADES.filter((g) => byGrade[g]).map((g) => [g, byGrade[g]])
			),
			totals: INDICATOR_CODES.map((code) => {
				const c = counts[code]?.all ?? { numerator: 0, denominator: 0 };
				return { indicator: code, ...c, percent: percent(c) };
			}),
			uploadsInPeriod,
			rawKept: settings.keepRaw
		}
	};
}

function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: string; message?: string };
	return err?.code === '23505' || String(err?.code ?? '').startsWith('SQLITE_CONSTRAINT');
}

async function store(
	db: Db,
	actor: Actor | null,
	coalition: Coalition,
	input: SurveyFileInput,
	analysis: Analysis
): Promise<SurveyConfirm> {
	const ready = analysis.result as SurveyReady;
	if (input.expectedHash && input.expectedHash !== ready.fileHash) return { status: 'changed' };
	const { table, mapped, counts } = analysis as Required<Analysis>;
	await seedCoreIndicators(db);
	const uploadId = newId();
	const now = nowIso();
	try {
		return await db.transaction().execute(async (trx) => {
			const earlier = await findUploadByHash(trx, coalition.id, ready.fileHash);
			if (earlier) {
				return {
					status: 'duplicate' as const,
					uploadedAt: earlier.created_at,
					period: earlier.period,
					fileName: earlier.file_name
				};
			}
			const { keepRaw } = await surveySettings(trx, coalition.network_id);
			await trx
				.insertInto('survey_upload')
				.values({
					id: uploadId,
					coalition_id: coalition.id,
					period: ready.period,
					file_hash: ready.fileHash,
					file_name: ready.fileName.slice(0, 255),
					rows_total: ready.rowsTotal,
					rows_with_problems: ready.rowsWithProblems,
					raw_kept: keepRaw,
					uploaded_by: actor?.userId ?? OPERATOR,
					created_at: now
				})
				.execute();
			const values = Object.entries(counts).flatMap(([code, cells]) =>
				Object.entries(cells).map(([cell, c]) => ({
					id: newId(),
					indicator_id: coreIndicatorId(code as IndicatorCode),
					coalition_id: coalition.id,
					place_id: null,
					period: ready.period,
					cell,
					numerator: c.numerator,
					denominator: c.denominator,
					source: null,
					notes: null,
					survey_upload_id: uploadId,
					created_at: now,
					updated_at: now
				}))
			);
			for (let i = 0; i < values.length; i += 100) {
				await trx
					.insertInto('indicator_value')
					.values(values.slice(i, i + 100))
					.execute();
			}
			if (keepRaw) {
				// Every data row as the file had it, under the template's column names.
				const columns = TEMPLATE_COLUMNS.filter((c) => mapped.mapping.index[c] !== null);
				for (let i = 0; i < table.rows.length; i += 500) {
					await trx
						.insertInto('survey_response')
						.values(
							table.rows.slice(i, i + 500).map((row) => ({
								id: newId(),
								upload_id: uploadId,
								line: row.line,
								answers_json: JSON.stringify(
									Object.fromEntries(
										columns.map((c) => [c, (row.cells[mapped.mapping.index[c]!] ?? '').trim()])
									)
								)
							}))
						)
						.execute();
				}
			}
			await recordAudit(trx, actor, {
				networkId: coalition.network_id,
				entityType: 'survey_upload',
				entityId: uploadId,
				entityLabel: ready.period,
				action: 'create',
				after: {
					coalitionId: coalition.id,
					period: ready.period,
					fileHash: ready.fileHash,
					rowsTotal: ready.rowsTotal,
					respondents: ready.respondents,
					rowsWithProblems: ready.rowsWithProblems,
					rawKept: keepRaw
				}
			});
			return { ...ready, status: 'stored' as const, uploadId };
		});
	} catch (e) {
		// Two confirmations of one file at the same moment: the unique key lets one through.
		if (isUniqueViolation(e)) {
			const earlier = await findUploadByHash(db, coalition.id, ready.fileHash);
			if (earlier) {
				return {
					status: 'duplicate',
					uploadedAt: earlier.created_at,
					period: earlier.period,
					fileName: earlier.file_name
				};
			}
		}
		throw e;
	}
}

/** Reads and checks a survey file for a coalition the actor may edit; stores nothing. */
export async function previewSurvey(
	db: Db,
	actor: Actor | null,
	input: SurveyFileInput
): Promise<SurveyPreview> {
	const { coalition } = await requireCoalition(db, actor, input.coalitionId, 'edit');
	return (await analyze(db, coalition, input)).result;
}

/** The same file again, recomputed and stored (counts per cell; raw answers if the network keeps them). */
export async function confirmSurvey(
	db: Db,
	actor: Actor | null,
	input: SurveyFileInput
): Promise<SurveyConfirm> {
	const { coalition } = await requireCoalition(db, actor, input.coalitionId, 'edit');
	const analysis = await analyze(db, coalition, input);
	if (analysis.result.status !== 'ready') return analysis.result;
	return store(db, actor, coalition, input, analysis);
}

/** Removes an upload and everything computed from it (to replace a wrong file). */
export async function deleteSurveyUpload(
	db: Db,
	actor: Actor | null,
	uploadId: string
): Promise<void> {
	const upload = await db
		.selectFrom('survey_upload')
		.selectAll()
		.where('id', '=', uploadId)
		.executeTakeFirst();
	if (!upload) throw new NotFoundError('survey_upload');
	const { coalition } = await requireCoalition(db, actor, upload.coalition_id, 'edit');
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('indicator_value').where('survey_upload_id', '=', uploadId).execute();
		await trx.deleteFrom('survey_response').where('upload_id', '=', uploadId).execute();
		await trx.deleteFrom('survey_upload').where('id', '=', uploadId).execute();
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'survey_upload',
			entityId: uploadId,
			entityLabel: upload.period,
			action: 'delete',
			before: {
				coalitionId: coalition.id,
				period: upload.period,
				fileHash: upload.file_hash,
				rowsTotal: upload.rows_total
			}
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Measures and their suppression

export interface MeasureCell {
	/** null when suppressed (or nobody answered) */
	numerator: number | null;
	denominator: number | null;
	percent: number | null;
	suppressed: boolean;
}

export interface MeasureRow {
	indicator: IndicatorCode;
	measure: Measure;
	substance: Substance;
	cells: Partial<Record<CellKey, MeasureCell>>;
	previous: Partial<Record<CellKey, MeasureCell>>;
	/** percentage points since the previous period, where both are published */
	change: Partial<Record<CellKey, number | null>>;
}

export interface MeasuresTable {
	coalition: { id: string; name: string; slug: string };
	period: string;
	previousPeriod: string | null;
	/** periods with survey data for this coalition, oldest first */
	periods: string[];
	/** true when cells under the network's minimum are hidden from this reader */
	suppressedView: boolean;
	minCell: number;
	/** grades with answers in the period, in order */
	grades: Grade[];
	rows: MeasureRow[];
	/** the coalition's own staff see the files the figures come from */
	uploads: Awaited<ReturnType<typeof listUploads>>;
}

/** One line per indicator and cell, for JSON answers and exports. */
export interface MeasuresJson {
	coalition: string;
	period: string;
	previousPeriod: string | null;
	suppressed: boolean;
	minCell: number;
	measures: {
		indicator: IndicatorCode;
		cell: CellKey;
		grade: Grade | null;
		sex: Sex | null;
		numerator: number | null;
		denominator: number | null;
		percent: number | null;
		previousPercent: number | null;
		change: number | null;
		suppressed: boolean;
	}[];
}

const EMPTY = new Set<string>();

function cellOut(c: Counts | undefined, hidden: boolean): MeasureCell {
	if (!c) return { numerator: null, denominator: null, percent: null, suppressed: false };
	if (hidden) return { numerator: null, denominator: null, percent: null, suppressed: true };
	return {
		numerator: c.numerator,
		denominator: c.denominator,
		percent: percent(c),
		suppressed: false
	};
}

const coalitionKey = (id: string) => `c:${id}`;
const regionKey = (id: string) => `r:${id}`;
const NETWORK_KEY = 'network';

interface NetworkPicture {
	coalitions: Awaited<ReturnType<typeof coalitionsWithRegions>>;
	byCoalition: Map<string, MeasureCounts>;
	byRegion: Map<string, MeasureCounts>;
	network: MeasureCounts;
	/** indicator → group key → hidden cells; empty when the reader sees everything */
	hidden: Map<IndicatorCode, Map<string, Set<CellKey>>>;
}

/**
 * The coalitions the actor may edit (their own staff): they see those unsuppressed. Only
 * coordinators and partner staff need the per-coalition rule; administrators edit everything.
 */
async function editableCoalitions(
	db: Db,
	actor: Actor | null,
	networkId: string,
	coalitionIds: string[]
): Promise<Set<string>> {
	if (isNetworkAdmin(actor, networkId)) return new Set(coalitionIds);
	const editors = actor?.grants.some(
		(g) => g.networkId === networkId && (g.role === 'coordinator' || g.role === 'partner_staff')
	);
	if (!editors || coalitionIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('coalition')
		.selectAll()
		.where('id', 'in', coalitionIds)
		.execute();
	const out = new Set<string>();
	for (const row of rows) {
		const scope = await coalitionScope(db, mapCoalition(row));
		if (canEditCoalition(actor, scope)) out.add(row.id);
	}
	return out;
}

/**
 * Counts for every coalition, region and the network in a period, and the cells to hide from a
 * reader who knows `known` coalitions. Computed over the whole tree at once, so a coalition's
 * page, the network's comparison and the regions hide the same cells.
 */
async function networkPicture(
	db: Db,
	networkId: string,
	period: string,
	minCell: number,
	known: Set<string> | 'all'
): Promise<NetworkPicture> {
	const byCoalition = await surveyCounts(db, networkId, period);
	const coalitions = (await coalitionsWithRegions(db, networkId)).filter((c) =>
		byCoalition.has(c.id)
	);
	const regionIds = [...new Set(coalitions.map((c) => c.regionId))];
	const byRegion = new Map(
		regionIds.map((r) => [
			r,
			poolCells(coalitions.filter((c) => c.regionId === r).map((c) => byCoalition.get(c.id)!))
		])
	);
	const network = poolCells([...byRegion.values()]);
	const hidden = new Map<IndicatorCode, Map<string, Set<CellKey>>>();
	if (known !== 'all') {
		const knownKeys = new Set([...known].map(coalitionKey));
		for (const code of INDICATOR_CODES) {
			const groups: TreeGroup[] = [
				{ key: NETWORK_KEY, parent: null, cells: network[code] ?? {} },
				...regionIds.map((r) => ({
					key: regionKey(r),
					parent: NETWORK_KEY,
					cells: byRegion.get(r)![code] ?? {}
				})),
				...coalitions.map((c) => ({
					key: coalitionKey(c.id),
					parent: regionKey(c.regionId),
					cells: byCoalition.get(c.id)![code] ?? {}
				}))
			];
			hidden.set(code, suppressTree(groups, minCell, knownKeys));
		}
	}
	return { coalitions, byCoalition, byRegion, network, hidden };
}

function rowsFor(
	counts: MeasureCounts,
	hidden: Map<IndicatorCode, Map<string, Set<CellKey>>>,
	groupKey: string
): Record<IndicatorCode, Partial<Record<CellKey, MeasureCell>>> {
	const out = {} as Record<IndicatorCode, Partial<Record<CellKey, MeasureCell>>>;
	for (const code of INDICATOR_CODES) {
		const cells = counts[code] ?? {};
		const hide = hidden.get(code)?.get(groupKey) ?? EMPTY;
		out[code] = Object.fromEntries(
			CELL_KEYS.filter((k) => cells[k]).map((k) => [k, cellOut(cells[k], hide.has(k))])
		);
	}
	return out;
}

async function coalitionMeasures(
	db: Db,
	coalition: Coalition,
	period: string,
	known: Set<string> | 'all',
	withUploads: boolean
): Promise<MeasuresTable> {
	const { minCell } = await surveySettings(db, coalition.network_id);
	const periods = await surveyPeriods(db, { coalitionId: coalition.id });
	const previousPeriod = periods.filter((p) => p < period).at(-1) ?? null;
	const picture = async (p: string) => {
		if (known === 'all') {
			const counts = (await surveyCounts(db, coalition.network_id, p, coalition.id)).get(
				coalition.id
			);
			return rowsFor(counts ?? {}, new Map(), coalitionKey(coalition.id));
		}
		const net = await networkPicture(db, coalition.network_id, p, minCell, known);
		return rowsFor(net.byCoalition.get(coalition.id) ?? {}, net.hidden, coalitionKey(coalition.id));
	};
	const current = await picture(period);
	const previous = previousPeriod ? await picture(previousPeriod) : null;
	const grades = GRADES.filter((g) => INDICATOR_CODES.some((code) => current[code][`grade:${g}`]));
	return {
		coalition: { id: coalition.id, name: coalition.name, slug: coalition.slug },
		period,
		previousPeriod,
		periods,
		suppressedView: known !== 'all',
		minCell,
		grades,
		rows: INDICATOR_CODES.map((code) => {
			const { measure, substance } = parseIndicatorCode(code)!;
			const cells = current[code];
			const before = previous?.[code] ?? {};
			return {
				indicator: code,
				measure,
				substance,
				cells,
				previous: before,
				change: Object.fromEntries(
					Object.entries(cells).map(([k, c]) => {
						const now = c?.percent ?? null;
						const then = before[k]?.percent ?? null;
						return [k, now === null || then === null ? null : now - then];
					})
				)
			};
		}),
		uploads: withUploads ? await listUploads(db, coalition.id) : []
	};
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function measuresToJson(table: MeasuresTable): MeasuresJson {
	return {
		coalition: table.coalition.slug,
		period: table.period,
		previousPeriod: table.previousPeriod,
		suppressed: table.suppressedView,
		minCell: table.minCell,
		measures: table.rows.flatMap((row) =>
			CELL_KEYS.filter((k) => row.cells[k]).map((k) => {
				const c = row.cells[k]!;
				const { grade, sex } = parseCellKey(k)!;
				return {
					indicator: row.indicator,
					cell: k,
					grade,
					sex,
					numerator: c.numerator,
					denominator: c.denominator,
					percent: round1(c.percent),
					previousPercent: round1(row.previous[k]?.percent ?? null),
					change: round1(row.change[k] ?? null),
					suppressed: c.suppressed
				};
			})
		)
	};
}

function checkPeriod(period: string): string {
	const parsed = periodText.safeParse(String(period ?? ''));
	if (!parsed.success) throw new NotFoundError('period');
	return parsed.data;
}

/**
 * A coalition's measures by grade (and sex) with the previous period's and the change. The
 * coalition's own staff (those who may edit it) see every cell; everyone else gets small cells
 * and their complements suppressed.
 */
export async function measuresFor(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	period: string,
	options: { json: true }
): Promise<MeasuresJson>;
export async function measuresFor(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	period: string,
	options?: { json?: false }
): Promise<MeasuresTable>;
export async function measuresFor(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	period: string,
	options: { json?: boolean } = {}
): Promise<MeasuresTable | MeasuresJson> {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const p = checkPeriod(period);
	const staff = canEditCoalition(actor, scope);
	const known = staff
		? 'all'
		: await editableCoalitions(
				db,
				actor,
				coalition.network_id,
				(await coalitionsWithRegions(db, coalition.network_id)).map((c) => c.id)
			);
	const table = await coalitionMeasures(db, coalition, p, known, staff);
	return options.json ? measuresToJson(table) : table;
}

/** Each measure's total over the periods, the coalition's next to the network's (for charts). */
export async function measureTrends(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const staff = canEditCoalition(actor, scope);
	const { minCell } = await surveySettings(db, coalition.network_id);
	const periods = await surveyPeriods(db, { coalitionId: coalition.id });
	const all = (await coalitionsWithRegions(db, coalition.network_id)).map((c) => c.id);
	const known = await editableCoalitions(db, actor, coalition.network_id, all);
	const points: {
		period: string;
		coalition: ReturnType<typeof rowsFor>;
		network: ReturnType<typeof rowsFor>;
	}[] = [];
	for (const period of periods) {
		// The network line is suppressed like anyone else's view, even for the coalition's staff.
		const net = await networkPicture(db, coalition.network_id, period, minCell, known);
		const own = staff ? new Map() : net.hidden;
		points.push({
			period,
			coalition: rowsFor(net.byCoalition.get(coalition.id) ?? {}, own, coalitionKey(coalition.id)),
			network: rowsFor(net.network, net.hidden, NETWORK_KEY)
		});
	}
	return {
		periods,
		series: INDICATOR_CODES.map((code) => ({
			indicator: code,
			coalition: points.map((p) => ({ period: p.period, ...cellOrEmpty(p.coalition[code].all) })),
			network: points.map((p) => ({ period: p.period, ...cellOrEmpty(p.network[code].all) }))
		}))
	};
}

function cellOrEmpty(c: MeasureCell | undefined): MeasureCell {
	return c ?? { numerator: null, denominator: null, percent: null, suppressed: false };
}

export interface NetworkMeasureGroup {
	kind: 'coalition' | 'region';
	id: string;
	name: string;
	slug: string | null;
	regionId: string | null;
	cells: Record<IndicatorCode, Partial<Record<CellKey, MeasureCell>>>;
}

/**
 * The network's figures for a period, by coalition or by region, with the network total: counts
 * added across coalitions, never averaged percentages. Suppressed for every coalition the reader
 * is not staff of; coalitions the reader may not see are left out (they still count in totals).
 */
export async function networkMeasures(
	db: Db,
	actor: Actor | null,
	networkId: string,
	period: string,
	options: { by: 'coalition' | 'region' }
) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const p = checkPeriod(period);
	const { minCell } = await surveySettings(db, networkId);
	const all = await coalitionsWithRegions(db, networkId);
	const known = await editableCoalitions(
		db,
		actor,
		networkId,
		all.map((c) => c.id)
	);
	const everything = isNetworkAdmin(actor, networkId);
	const net = await networkPicture(db, networkId, p, minCell, everything ? 'all' : known);
	const viewer = actor?.grants.some((g) => g.role === 'viewer' && g.networkId === networkId);
	let groups: NetworkMeasureGroup[];
	if (options.by === 'coalition') {
		groups = net.coalitions
			.filter((c) => everything || viewer || known.has(c.id))
			.map((c) => ({
				kind: 'coalition' as const,
				id: c.id,
				name: c.name,
				slug: c.slug,
				regionId: c.regionId,
				cells: rowsFor(net.byCoalition.get(c.id)!, net.hidden, coalitionKey(c.id))
			}));
	} else {
		const names = new Map(net.coalitions.map((c) => [c.regionId, c.regionName]));
		groups = [...net.byRegion.entries()]
			.map(([id, counts]) => ({
				kind: 'region' as const,
				id,
				name: names.get(id) ?? '',
				slug: null,
				regionId: id,
				cells: rowsFor(counts, net.hidden, regionKey(id))
			}))
			.sort((a, b) => a.name.localeCompare(b.name, 'es'));
	}
	return {
		period: p,
		by: options.by,
		minCell,
		periods: await surveyPeriods(db, { networkId }),
		suppressedView: !everything,
		groups,
		network: rowsFor(net.network, net.hidden, NETWORK_KEY)
	};
}

/** For the coalition's "at a glance": the latest survey period and how many files it came from. */
export async function surveySummary(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition } = await requireCoalition(db, actor, coalitionId, 'view');
	const periods = await surveyPeriods(db, { coalitionId: coalition.id });
	const uploads = await listUploads(db, coalition.id);
	return {
		latestPeriod: periods.at(-1) ?? null,
		periods,
		uploads: uploads.length,
		lastUploadAt: uploads[0]?.createdAt ?? null
	};
}

// ---------------------------------------------------------------------------------------------
// The command line: the operator has the database, so no access rule applies and nothing is
// suppressed. Coalitions are named by slug.

async function coalitionBySlug(db: Db, slug: string): Promise<Coalition> {
	const coalition = await findCoalitionBySlug(db, slug);
	if (!coalition) throw new NotFoundError(`No coalition with slug "${slug}"`);
	return coalition;
}

export async function previewSurveyAsOperator(
	db: Db,
	slug: string,
	input: Omit<SurveyFileInput, 'coalitionId'>
): Promise<SurveyPreview> {
	const coalition = await coalitionBySlug(db, slug);
	return (await analyze(db, coalition, { ...input, coalitionId: coalition.id })).result;
}

export async function confirmSurveyAsOperator(
	db: Db,
	slug: string,
	input: Omit<SurveyFileInput, 'coalitionId'>
): Promise<SurveyConfirm> {
	const coalition = await coalitionBySlug(db, slug);
	const full = { ...input, coalitionId: coalition.id };
	const analysis = await analyze(db, coalition, full);
	if (analysis.result.status !== 'ready') return analysis.result;
	return store(db, null, coalition, full, analysis);
}

export async function measuresAsOperator(db: Db, slug: string, period: string) {
	const coalition = await coalitionBySlug(db, slug);
	return coalitionMeasures(db, coalition, checkPeriod(period), 'all', true);
}

// ---------------------------------------------------------------------------------------------
// The catalog: custom indicators, values typed in by hand, targets

export type SaveResult =
	| { status: 'ok'; id: string }
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> };

function mapIndicator(row: NonNullable<Awaited<ReturnType<typeof findIndicator>>>) {
	return {
		id: row.id,
		code: row.code,
		kind: row.kind as 'core' | 'custom',
		measure: row.measure as Measure | null,
		substance: row.substance as Substance | null,
		nameEs: row.name_es,
		nameEn: row.name_en,
		unit: row.unit as 'percent' | 'count' | 'rate',
		numeratorEs: row.numerator_es,
		numeratorEn: row.numerator_en,
		denominatorEs: row.denominator_es,
		denominatorEn: row.denominator_en,
		source: row.source,
		updatedAt: row.updated_at
	};
}

/** The core measures and the network's own indicators. */
export async function listIndicators(db: Db, actor: Actor | null, networkId: string) {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	return {
		indicators: (await listIndicatorRows(db, networkId)).map(mapIndicator),
		canEdit: isNetworkAdmin(actor, networkId)
	};
}

function indicatorColumns(input: IndicatorInput) {
	return {
		name_es: input.nameEs,
		name_en: input.nameEn,
		unit: input.unit,
		numerator_es: input.numeratorEs,
		numerator_en: input.numeratorEn,
		denominator_es: input.denominatorEs,
		denominator_en: input.denominatorEn,
		source: input.source
	};
}

export async function createIndicator(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(indicatorSchema, form, INDICATOR_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	return db.transaction().execute(async (trx) => {
		const base = `custom.${slugify(parsed.value.nameEs) || 'indicator'}`;
		const taken = new Set(
			(
				await trx
					.selectFrom('indicator')
					.select('code')
					.where('network_id', '=', networkId)
					.execute()
			).map((r) => r.code)
		);
		let code = base;
		for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
		const id = newId();
		const now = nowIso();
		const columns = indicatorColumns(parsed.value);
		await trx
			.insertInto('indicator')
			.values({
				id,
				network_id: networkId,
				code,
				kind: 'custom',
				measure: null,
				substance: null,
				...columns,
				archived_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'indicator',
			entityId: id,
			entityLabel: parsed.value.nameEs,
			action: 'create',
			after: { code, ...parsed.value, version: undefined }
		});
		return { status: 'ok' as const, id };
	});
}

/** Custom indicators of a network that the actor administers; core ones are not editable. */
async function requireCustomIndicator(db: Db, actor: Actor | null, id: string) {
	const row = await findIndicator(db, id);
	if (!row || row.kind !== 'custom' || !row.network_id || !isNetworkAdmin(actor, row.network_id)) {
		throw new NotFoundError('indicator');
	}
	return row;
}

export async function updateIndicator(
	db: Db,
	actor: Actor | null,
	id: string,
	form: Record<string, unknown>
): Promise<SaveResult | { status: 'stale'; values: Record<string, string> }> {
	const row = await requireCustomIndicator(db, actor, id);
	const parsed = parseForm(indicatorSchema, form, INDICATOR_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	if (parsed.value.version && parsed.value.version !== row.updated_at) {
		return { status: 'stale', values: formValues(form, INDICATOR_FIELDS) };
	}
	const before = mapIndicator(row);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('indicator')
			.set({ ...indicatorColumns(parsed.value), updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		const { id: _id, updatedAt: _u, ...beforeShape } = before;
		const after = mapIndicator((await findIndicator(trx, id))!);
		const { id: _id2, updatedAt: _u2, ...afterShape } = after;
		await recordAudit(trx, actor, {
			networkId: row.network_id,
			entityType: 'indicator',
			entityId: id,
			entityLabel: after.nameEs,
			action: 'update',
			before: beforeShape,
			after: afterShape
		});
	});
	return { status: 'ok', id };
}

/**
 * An indicator the value or target may be about: the network's custom ones, or a core measure.
 * Core measures take survey values per coalition, never typed ones (they would be counted twice);
 * a place (a district, a region) may carry a typed core value, e.g. a DEVIDA figure to compare.
 */
async function usableIndicator(db: Db, id: string, networkId: string) {
	const row = await findIndicator(db, id);
	if (!row || row.archived_at || (row.network_id !== null && row.network_id !== networkId)) {
		return null;
	}
	return row;
}

/** Records (or corrects) a value typed in by hand for a coalition or a place and period. */
export async function recordValue(
	db: Db,
	actor: Actor | null,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const raw = formValues(form, VALUE_FIELDS);
	// Access first: the coalition (its editors) or the place (administrators) the value is about.
	let networkId: string | null = null;
	let scopeLabel = '';
	if (raw.coalitionId.trim()) {
		const { coalition } = await requireCoalition(db, actor, raw.coalitionId.trim(), 'edit');
		networkId = coalition.network_id;
		scopeLabel = coalition.name;
	} else if (raw.placeId.trim()) {
		const place = await db
			.selectFrom('place')
			.select(['id', 'network_id', 'name'])
			.where('id', '=', raw.placeId.trim())
			.executeTakeFirst();
		if (!place || !isNetworkAdmin(actor, place.network_id)) throw new NotFoundError('place');
		networkId = place.network_id;
		scopeLabel = place.name;
	}
	const parsed = parseForm(valueSchema, form, VALUE_FIELDS);
	if (!parsed.ok || !networkId) {
		return {
			status: 'invalid',
			errors: parsed.ok ? { coalitionId: 'required' } : parsed.errors,
			values: raw
		};
	}
	const v = parsed.value;
	const errors: FieldErrors = {};
	const indicator = await usableIndicator(db, v.indicatorId, networkId);
	if (!indicator) errors.indicatorId = 'not_found';
	else if (indicator.kind === 'core' && v.coalitionId) errors.indicatorId = 'core_from_survey';
	else if (indicator.unit !== 'count' && !v.denominator) errors.denominator = 'required';
	else if (indicator.unit === 'percent' && v.denominator !== null && v.numerator > v.denominator) {
		errors.numerator = 'numerator_exceeds';
	}
	if (Object.keys(errors).length) return { status: 'invalid', errors, values: raw };
	return db.transaction().execute(async (trx) => {
		let q = trx
			.selectFrom('indicator_value')
			.selectAll()
			.where('indicator_id', '=', v.indicatorId)
			.where('period', '=', v.period)
			.where('cell', '=', 'all')
			.where('survey_upload_id', 'is', null);
		q = v.coalitionId
			? q.where('coalition_id', '=', v.coalitionId)
			: q.where('place_id', '=', v.placeId!);
		const existing = await q.executeTakeFirst();
		const now = nowIso();
		const columns = {
			numerator: v.numerator,
			denominator: v.denominator,
			source: v.source,
			notes: v.notes,
			updated_at: now
		};
		const id = existing?.id ?? newId();
		if (existing) {
			await trx.updateTable('indicator_value').set(columns).where('id', '=', id).execute();
		} else {
			await trx
				.insertInto('indicator_value')
				.values({
					id,
					indicator_id: v.indicatorId,
					coalition_id: v.coalitionId,
					place_id: v.coalitionId ? null : v.placeId,
					period: v.period,
					cell: 'all',
					survey_upload_id: null,
					created_at: now,
					...columns
				})
				.execute();
		}
		const shape = (r: {
			numerator: number;
			denominator: number | null;
			source: string | null;
			notes: string | null;
		}) => ({
			numerator: r.numerator,
			denominator: r.denominator,
			source: r.source,
			notes: r.notes
		});
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'indicator_value',
			entityId: id,
			entityLabel: `${indicator!.name_es} · ${scopeLabel} · ${v.period}`,
			action: existing ? 'update' : 'create',
			before: existing ? shape(existing) : undefined,
			after: {
				indicatorId: v.indicatorId,
				coalitionId: v.coalitionId,
				placeId: v.coalitionId ? null : v.placeId,
				period: v.period,
				...shape(v)
			}
		});
		return { status: 'ok' as const, id };
	});
}

/** Sets a coalition's baseline and target for one indicator (one pair per indicator). */
export async function setTarget(
	db: Db,
	actor: Actor | null,
	form: Record<string, unknown>
): Promise<SaveResult> {
	const raw = formValues(form, TARGET_FIELDS);
	const { coalition } = await requireCoalition(db, actor, raw.coalitionId.trim(), 'edit');
	const parsed = parseForm(targetSchema, form, TARGET_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const v = parsed.value;
	const indicator = await usableIndicator(db, v.indicatorId, coalition.network_id);
	const errors: FieldErrors = {};
	if (!indicator) errors.indicatorId = 'not_found';
	else if (indicator.unit === 'percent') {
		if ((v.baselineValue ?? 0) > 100) errors.baselineValue = 'number_invalid';
		if ((v.targetValue ?? 0) > 100) errors.targetValue = 'number_invalid';
	}
	if (Object.keys(errors).length) return { status: 'invalid', errors, values: raw };
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('indicator_target')
			.selectAll()
			.where('indicator_id', '=', v.indicatorId)
			.where('coalition_id', '=', coalition.id)
			.executeTakeFirst();
		const now = nowIso();
		const columns = {
			baseline_value: v.baselineValue,
			baseline_period: v.baselinePeriod,
			target_value: v.targetValue,
			target_period: v.targetPeriod,
			updated_at: now
		};
		const id = existing?.id ?? newId();
		if (existing) {
			await trx.updateTable('indicator_target').set(columns).where('id', '=', id).execute();
		} else {
			await trx
				.insertInto('indicator_target')
				.values({
					id,
					indicator_id: v.indicatorId,
					coalition_id: coalition.id,
					created_at: now,
					...columns
				})
				.execute();
		}
		const shape = (r: {
			baseline_value: number | null;
			baseline_period: string | null;
			target_value: number | null;
			target_period: string | null;
		}) => ({
			baselineValue: r.baseline_value,
			baselinePeriod: r.baseline_period,
			targetValue: r.target_value,
			targetPeriod: r.target_period
		});
		await recordAudit(trx, actor, {
			networkId: coalition.network_id,
			entityType: 'indicator_target',
			entityId: id,
			entityLabel: `${indicator!.name_es} · ${coalition.name}`,
			action: existing ? 'update' : 'create',
			before: existing ? shape(existing) : undefined,
			after: { indicatorId: v.indicatorId, coalitionId: coalition.id, ...shape(columns) }
		});
		return { status: 'ok' as const, id };
	});
}

/** A coalition's typed-in values and its targets, by indicator. */
export async function coalitionIndicators(db: Db, actor: Actor | null, coalitionId: string) {
	const { coalition, scope } = await requireCoalition(db, actor, coalitionId, 'view');
	const indicators = (await listIndicatorRows(db, coalition.network_id)).map(mapIndicator);
	const { values, targets } = await coalitionValueRows(db, coalition.id);
	return {
		canEdit: canEditCoalition(actor, scope),
		indicators: indicators.map((i) => {
			const target = targets.find((t) => t.indicator_id === i.id);
			return {
				...i,
				values: values
					.filter((v) => v.indicator_id === i.id)
					.map((v) => ({
						id: v.id,
						period: v.period,
						numerator: v.numerator,
						denominator: v.denominator,
						value:
							i.unit === 'count'
								? v.numerator
								: v.denominator
									? (i.unit === 'percent' ? 100 : 1) * (v.numerator / v.denominator)
									: null,
						source: v.source,
						notes: v.notes
					})),
				target: target
					? {
							baselineValue: target.baseline_value,
							baselinePeriod: target.baseline_period,
							targetValue: target.target_value,
							targetPeriod: target.target_period
						}
					: null
			};
		})
	};
}

/** The network's survey privacy settings (administrators). */
export async function updateSurveySettings(
	db: Db,
	actor: Actor | null,
	networkId: string,
	form: Record<string, unknown>
): Promise<SaveResult> {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	const parsed = parseForm(surveySettingsSchema, form, SURVEY_SETTINGS_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const before = await surveySettings(db, networkId);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('network')
			.set({
				keep_raw_survey: parsed.value.keepRawSurvey,
				suppression_min: parsed.value.suppressionMin,
				updated_at: nowIso()
			})
			.where('id', '=', networkId)
			.execute();
		await recordAudit(trx, actor, {
			networkId,
			entityType: 'network',
			entityId: networkId,
			action: 'update',
			before: { keepRawSurvey: before.keepRaw, suppressionMin: before.minCell },
			after: parsed.value
		});
	});
	return { status: 'ok', id: networkId };
}
