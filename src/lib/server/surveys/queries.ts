/** Reads behind the survey service. No access checks here: callers check first. */
import { INDICATOR_CODES, type IndicatorCode } from '$lib/domain/survey/columns';
import type { CellKey, Counts, MeasureCounts } from '$lib/domain/survey/compute';
import type { Db } from '../db';
import { toBool, toNumber } from '../db/dialect';

/** Core indicators have fixed ids, so every database (and every export) names them alike. */
export function coreIndicatorId(code: IndicatorCode): string {
	return `core.${code}`;
}

export async function findUploadByHash(db: Db, coalitionId: string, fileHash: string) {
	return db
		.selectFrom('survey_upload')
		.select(['id', 'period', 'file_name', 'created_at'])
		.where('coalition_id', '=', coalitionId)
		.where('file_hash', '=', fileHash)
		.executeTakeFirst();
}

export async function listUploads(db: Db, coalitionId: string, period?: string) {
	let q = db
		.selectFrom('survey_upload')
		.select([
			'id',
			'period',
			'file_name',
			'rows_total',
			'rows_with_problems',
			'raw_kept',
			'created_at'
		])
		.where('coalition_id', '=', coalitionId);
	if (period) q = q.where('period', '=', period);
	const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
	return rows.map((r) => ({
		id: r.id,
		period: r.period,
		fileName: r.file_name,
		rowsTotal: r.rows_total,
		rowsWithProblems: r.rows_with_problems,
		rawKept: toBool(r.raw_kept),
		createdAt: r.created_at
	}));
}

export async function surveySettings(db: Db, networkId: string) {
	const row = await db
		.selectFrom('network')
		.select(['keep_raw_survey', 'suppression_min'])
		.where('id', '=', networkId)
		.executeTakeFirstOrThrow();
	return { keepRaw: toBool(row.keep_raw_survey), minCell: toNumber(row.suppression_min) };
}

/**
 * Survey-derived counts per coalition for a period, every upload of the period added together
 * (a coalition may send one file per school).
 */
export async function surveyCounts(
	db: Db,
	networkId: string,
	period: string,
	coalitionId?: string
): Promise<Map<string, MeasureCounts>> {
	let q = db
		.selectFrom('indicator_value')
		.innerJoin('coalition', 'coalition.id', 'indicator_value.coalition_id')
		.select((eb) => [
			'indicator_value.coalition_id as coalitionId',
			'indicator_value.indicator_id as indicatorId',
			'indicator_value.cell as cell',
			eb.fn.sum<number>('indicator_value.numerator').as('numerator'),
			eb.fn.sum<number>('indicator_value.denominator').as('denominator')
		])
		.where('coalition.network_id', '=', networkId)
		.where('indicator_value.period', '=', period)
		.where('indicator_value.survey_upload_id', 'is not', null);
	if (coalitionId) q = q.where('indicator_value.coalition_id', '=', coalitionId);
	const rows = await q
		.groupBy([
			'indicator_value.coalition_id',
			'indicator_value.indicator_id',
			'indicator_value.cell'
		])
		.execute();
	const codeOf = new Map(INDICATOR_CODES.map((c) => [coreIndicatorId(c), c]));
	const out = new Map<string, MeasureCounts>();
	for (const r of rows) {
		const code = codeOf.get(r.indicatorId);
		if (!code || !r.coalitionId) continue;
		const counts = out.get(r.coalitionId) ?? {};
		out.set(r.coalitionId, counts);
		const cells = (counts[code] ??= {} as Record<CellKey, Counts>);
		cells[r.cell] = { numerator: toNumber(r.numerator), denominator: toNumber(r.denominator) };
	}
	return out;
}

/** Periods with survey data, oldest first: for one coalition, or the whole network. */
export async function surveyPeriods(
	db: Db,
	scope: { coalitionId: string } | { networkId: string }
): Promise<string[]> {
	let q = db
		.selectFrom('survey_upload')
		.innerJoin('coalition', 'coalition.id', 'survey_upload.coalition_id')
		.select('survey_upload.period')
		.distinct();
	q =
		'coalitionId' in scope
			? q.where('survey_upload.coalition_id', '=', scope.coalitionId)
			: q.where('coalition.network_id', '=', scope.networkId);
	const rows = await q.orderBy('survey_upload.period').execute();
	return rows.map((r) => r.period);
}

/** Every coalition of a network with the region (top place) it lies in. */
export async function coalitionsWithRegions(db: Db, networkId: string) {
	const places = await db
		.selectFrom('place')
		.select(['id', 'parent_id', 'name'])
		.where('network_id', '=', networkId)
		.execute();
	const byId = new Map(places.map((p) => [p.id, p]));
	const regionOf = (placeId: string) => {
		let current = byId.get(placeId);
		const seen = new Set<string>();
		while (current?.parent_id && byId.has(current.parent_id) && !seen.has(current.id)) {
			seen.add(current.id);
			current = byId.get(current.parent_id);
		}
		return current ?? null;
	};
	const coalitions = await db
		.selectFrom('coalition')
		.select(['id', 'name', 'slug', 'place_id'])
		.where('network_id', '=', networkId)
		.orderBy('name')
		.execute();
	return coalitions.map((c) => {
		const region = regionOf(c.place_id);
		return {
			id: c.id,
			name: c.name,
			slug: c.slug,
			regionId: region?.id ?? 'none',
			regionName: region?.name ?? ''
		};
	});
}

export async function listIndicatorRows(db: Db, networkId: string) {
	return db
		.selectFrom('indicator')
		.selectAll()
		.where((eb) => eb.or([eb('network_id', 'is', null), eb('network_id', '=', networkId)]))
		.where('archived_at', 'is', null)
		.orderBy('kind')
		.orderBy('code')
		.execute();
}

export async function findIndicator(db: Db, id: string) {
	return db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Values typed in by hand (not from a survey) and targets, for one coalition. */
export async function coalitionValueRows(db: Db, coalitionId: string) {
	const values = await db
		.selectFrom('indicator_value')
		.select([
			'id',
			'indicator_id',
			'period',
			'numerator',
			'denominator',
			'source',
			'notes',
			'updated_at'
		])
		.where('coalition_id', '=', coalitionId)
		.where('survey_upload_id', 'is', null)
		.orderBy('indicator_id')
		.orderBy('period')
		.execute();
	const targets = await db
		.selectFrom('indicator_target')
		.selectAll()
		.where('coalition_id', '=', coalitionId)
		.execute();
	return { values, targets };
}
