/**
 * The dashboard's and the funder report's figures: one function per figure, each taking the
 * database, the reader's scope and the page's filters, so a benchmark can time each one against
 * a hand-written statement. Every figure is a GROUP BY in the database; nothing here loads a
 * network's rows to count them in JavaScript. No access checks: service.ts builds the scope.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db';
import { toNumber } from '../db/dialect';
import type { DB } from '../db/types';

/**
 * Which coalitions the reader's figures may include. `coalitionIds: null` means every coalition
 * of the network; otherwise the listed ones plus those supported by `organizationIds` (a role on
 * the coalition, on its phase, or having seeded it — the same rule as coalitionScope).
 */
export interface DashboardScope {
	networkId: string;
	coalitionIds: string[] | null;
	organizationIds: string[];
}

/** What the page asks for. Empty strings and absent keys mean "no filter". */
export interface DashboardFilters {
	phaseId?: string;
	regionId?: string;
	partnerId?: string;
	coalitionId?: string;
	/** 'YYYY-MM-DD', inclusive; dated records outside [from, to] are left out */
	from?: string;
	to?: string;
}

type CoalitionEb = ExpressionBuilder<DB, 'coalition'>;

/** Coalitions supported by any of `orgs`: a role on them or on their phase, or having seeded them. */
function supportedBy(eb: CoalitionEb, networkId: string, orgs: string[]) {
	return eb.or([
		eb('coalition.seeded_by_organization_id', 'in', orgs),
		eb(
			'coalition.id',
			'in',
			eb
				.selectFrom('partner_role')
				.select('partner_role.coalition_id')
				.where('partner_role.network_id', '=', networkId)
				.where('partner_role.organization_id', 'in', orgs)
				.where('partner_role.coalition_id', 'is not', null)
				.$narrowType<{ coalition_id: string }>()
		),
		eb(
			'coalition.phase_id',
			'in',
			eb
				.selectFrom('partner_role')
				.select('partner_role.phase_id')
				.where('partner_role.network_id', '=', networkId)
				.where('partner_role.organization_id', 'in', orgs)
				.where('partner_role.coalition_id', 'is', null)
				.where('partner_role.phase_id', 'is not', null)
				.$narrowType<{ phase_id: string }>()
		)
	]);
}

/** The place and every place below it, as a subquery (places nest to any depth). */
function placesUnder(regionId: string) {
	return sql<string>`(with recursive below(id) as (
		select id from place where id = ${regionId}
		union all
		select place.id from place join below on place.parent_id = below.id
	) select id from below)`;
}

/** Restricts a query over `coalition` to the reader's scope and the filters (archived ones out). */
function applyScope<O>(
	q: SelectQueryBuilder<DB, 'coalition', O>,
	scope: DashboardScope,
	filters: DashboardFilters
): SelectQueryBuilder<DB, 'coalition', O> {
	let out = q
		.where('coalition.network_id', '=', scope.networkId)
		.where('coalition.status', '!=', 'archived');
	if (scope.coalitionIds !== null) {
		const ids = scope.coalitionIds;
		const orgs = scope.organizationIds;
		out = out.where((eb) => {
			const parts = [];
			if (ids.length) parts.push(eb('coalition.id', 'in', ids));
			if (orgs.length) parts.push(supportedBy(eb, scope.networkId, orgs));
			// A reader with neither coalitions nor partners sees nothing, not everything.
			return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
		});
	}
	if (filters.phaseId) out = out.where('coalition.phase_id', '=', filters.phaseId);
	if (filters.coalitionId) out = out.where('coalition.id', '=', filters.coalitionId);
	if (filters.partnerId) {
		const partner = filters.partnerId;
		out = out.where((eb) => supportedBy(eb, scope.networkId, [partner]));
	}
	if (filters.regionId) {
		const region = filters.regionId;
		out = out.where((eb) => eb('coalition.place_id', 'in', placesUnder(region)));
	}
	return out;
}

/**
 * The same scope with a partner's "supported by" rule worked out once into coalition ids. Every
 * figure then filters on a plain id list, which PostgreSQL's planner estimates well; with the rule
 * as a subquery in each figure it guessed most of the network and scanned whole tables.
 */
export async function resolvedScope(db: Db, scope: DashboardScope): Promise<DashboardScope> {
	if (scope.coalitionIds === null || scope.organizationIds.length === 0) return scope;
	const rows = await applyScope(
		db.selectFrom('coalition').select('coalition.id'),
		scope,
		{}
	).execute();
	return { networkId: scope.networkId, coalitionIds: rows.map((r) => r.id), organizationIds: [] };
}

/** The ids of the coalitions in scope, as a subquery for the other tables' figures. */
export function scopedCoalitionIds(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	return applyScope(db.selectFrom('coalition').select('coalition.id'), scope, filters);
}

const year = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 4)`;
const month = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/** Coalitions in scope, and how many of them are active, forming or inactive. */
export async function coalitionCounts(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	const rows = await applyScope(
		db
			.selectFrom('coalition')
			.select((eb) => ['coalition.status', eb.fn.countAll<number>().as('n')])
			.groupBy('coalition.status'),
		scope,
		filters
	).execute();
	const by = Object.fromEntries(rows.map((r) => [r.status, toNumber(r.n)]));
	return {
		total: rows.reduce((sum, r) => sum + toNumber(r.n), 0),
		active: by.active ?? 0,
		forming: by.forming ?? 0,
		inactive: by.inactive ?? 0
	};
}

/**
 * Coalitions founded per year and phase (the growth curve). A coalition without a founding year
 * is placed at its phase's first year and counted as estimated, as the public page does.
 */
export async function growthByYear(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	const year = sql<number | null>`coalesce(coalition.founded_year, phase.start_year)`;
	const estimated = sql<number>`case when coalition.founded_year is null then 1 else 0 end`;
	const rows = await applyScope(
		db
			.selectFrom('coalition')
			.leftJoin('phase', 'phase.id', 'coalition.phase_id')
			.select((eb) => [
				year.as('year'),
				estimated.as('estimated'),
				'coalition.phase_id',
				eb.fn.countAll<number>().as('n')
			])
			.groupBy([year, estimated, 'coalition.phase_id']),
		scope,
		filters
	).execute();
	return rows.map((r) => ({
		year: r.year === null ? null : toNumber(r.year),
		estimated: toNumber(r.estimated) === 1,
		phaseId: r.phase_id,
		count: toNumber(r.n)
	}));
}

/**
 * Who seeded whom: every coalition in scope with its seeder (a coalition or an organization).
 * A lineage is a list of edges by nature; it is one row per coalition, with names joined in.
 */
export async function lineageEdges(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	const rows = await applyScope(
		db
			.selectFrom('coalition')
			.leftJoin('coalition as seeder', 'seeder.id', 'coalition.seeded_by_coalition_id')
			.leftJoin('organization', 'organization.id', 'coalition.seeded_by_organization_id')
			.select([
				'coalition.id',
				'coalition.name',
				'coalition.founded_year',
				'coalition.seeded_by_coalition_id',
				'seeder.name as seeder_name',
				'coalition.seeded_by_organization_id',
				'organization.name as organization_name',
				'organization.short_name as organization_short_name'
			])
			.orderBy('coalition.founded_year')
			.orderBy('coalition.name_search')
			.orderBy('coalition.id'),
		scope,
		filters
	).execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		foundedYear: r.founded_year === null ? null : toNumber(r.founded_year),
		seededByCoalition: r.seeded_by_coalition_id
			? { id: r.seeded_by_coalition_id, name: r.seeder_name ?? '' }
			: null,
		seededByOrganization: r.seeded_by_organization_id
			? {
					id: r.seeded_by_organization_id,
					name: r.organization_short_name || r.organization_name || ''
				}
			: null
	}));
}

/** Coalitions per place and phase, for the map (the service finds each place's coordinates). */
export async function coalitionsByPlace(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	const rows = await applyScope(
		db
			.selectFrom('coalition')
			.select((eb) => [
				'coalition.place_id',
				'coalition.phase_id',
				eb.fn.countAll<number>().as('n'),
				eb.fn.min('coalition.id').as('some_id')
			])
			.groupBy(['coalition.place_id', 'coalition.phase_id']),
		scope,
		filters
	).execute();
	return rows.map((r) => ({
		placeId: r.place_id,
		phaseId: r.phase_id,
		count: toNumber(r.n),
		someCoalitionId: String(r.some_id)
	}));
}

/**
 * Members by sector: people with a membership in force on `filters.to` (or on `today`) — a
 * person in two coalitions counts once per coalition, as each coalition's seat is its own.
 */
export async function membersBySector(
	db: Db,
	scope: DashboardScope,
	filters: DashboardFilters,
	today: string
) {
	const on = filters.to ?? today;
	const since = filters.from ?? on;
	const rows = await db
		.selectFrom('membership')
		.select((eb) => ['membership.sector', eb.fn.countAll<number>().as('n')])
		.where('membership.coalition_id', 'in', scopedCoalitionIds(db, scope, filters))
		.where('membership.started_on', '<=', on)
		.where((eb) =>
			eb.or([eb('membership.ended_on', 'is', null), eb('membership.ended_on', '>=', since)])
		)
		.groupBy('membership.sector')
		.execute();
	return rows.map((r) => ({ sector: r.sector, count: toNumber(r.n) }));
}

/** Coalitions at each step of the Strategic Prevention Framework (null: not recorded). */
export async function stageCounts(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	const rows = await applyScope(
		db
			.selectFrom('coalition')
			.select((eb) => ['coalition.spf_stage', eb.fn.countAll<number>().as('n')])
			.groupBy('coalition.spf_stage'),
		scope,
		filters
	).execute();
	return rows.map((r) => ({ stage: r.spf_stage, count: toNumber(r.n) }));
}

/**
 * Training by year: events attended by people of the coalitions in scope, attendances, and
 * person-hours (an attendee's own hours when recorded, else the event's).
 */
export async function trainingByYear(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	let q = db
		.selectFrom('training_attendance')
		.innerJoin('training_event', 'training_event.id', 'training_attendance.event_id')
		.select((eb) => [
			year('training_event.starts_on').as('year'),
			eb.fn.count<number>('training_event.id').distinct().as('events'),
			eb.fn.countAll<number>().as('attendances'),
			eb.fn
				.sum<number>(eb.fn.coalesce('training_attendance.hours', 'training_event.hours'))
				.as('hours')
		])
		.where('training_attendance.coalition_id', 'in', scopedCoalitionIds(db, scope, filters));
	if (filters.from) q = q.where('training_event.starts_on', '>=', filters.from);
	if (filters.to) q = q.where('training_event.starts_on', '<=', filters.to);
	const rows = await q.groupBy(year('training_event.starts_on')).orderBy('year').execute();
	return rows.map((r) => ({
		year: Number(r.year),
		events: toNumber(r.events),
		attendances: toNumber(r.attendances),
		hours: toNumber(r.hours)
	}));
}

/** Technical assistance by year: contacts and hours with the coalitions in scope. */
export async function assistanceByYear(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	let q = db
		.selectFrom('ta_contact')
		.select((eb) => [
			year('ta_contact.contact_on').as('year'),
			eb.fn.countAll<number>().as('contacts'),
			eb.fn.sum<number>('ta_contact.hours').as('hours')
		])
		.where('ta_contact.coalition_id', 'in', scopedCoalitionIds(db, scope, filters));
	if (filters.from) q = q.where('ta_contact.contact_on', '>=', filters.from);
	if (filters.to) q = q.where('ta_contact.contact_on', '<=', filters.to);
	const rows = await q.groupBy(year('ta_contact.contact_on')).orderBy('year').execute();
	return rows.map((r) => ({
		year: Number(r.year),
		contacts: toNumber(r.contacts),
		hours: toNumber(r.hours)
	}));
}

/** Activities by strategy (null: not tied to one), with the people they reached. */
export async function activitiesByStrategy(
	db: Db,
	scope: DashboardScope,
	filters: DashboardFilters
) {
	let q = db
		.selectFrom('activity')
		.select((eb) => [
			'activity.strategy_code',
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('activity.reached_total').as('reached'),
			eb.fn.sum<number>('activity.reached_youth_f').as('youth_f'),
			eb.fn.sum<number>('activity.reached_youth_m').as('youth_m'),
			eb.fn.sum<number>('activity.reached_adult_f').as('adult_f'),
			eb.fn.sum<number>('activity.reached_adult_m').as('adult_m'),
			eb.fn.sum<number>('activity.volunteer_hours').as('volunteer_hours')
		])
		.where('activity.coalition_id', 'in', scopedCoalitionIds(db, scope, filters));
	if (filters.from) q = q.where('activity.happened_on', '>=', filters.from);
	if (filters.to) q = q.where('activity.happened_on', '<=', filters.to);
	const rows = await q.groupBy('activity.strategy_code').execute();
	return rows.map((r) => ({
		strategy: r.strategy_code,
		activities: toNumber(r.n),
		reached: toNumber(r.reached),
		youthF: toNumber(r.youth_f),
		youthM: toNumber(r.youth_m),
		adultF: toNumber(r.adult_f),
		adultM: toNumber(r.adult_m),
		volunteerHours: toNumber(r.volunteer_hours)
	}));
}

/**
 * Community changes per month and kind; `before` counts those before `from` (the cumulative
 * line starts there rather than at zero).
 */
export async function changesByMonth(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	let q = db
		.selectFrom('community_change')
		.select((eb) => [
			month('community_change.happened_on').as('month'),
			'community_change.kind',
			'community_change.status',
			eb.fn.countAll<number>().as('n')
		])
		.where('community_change.coalition_id', 'in', scopedCoalitionIds(db, scope, filters));
	if (filters.to) q = q.where('community_change.happened_on', '<=', filters.to);
	const rows = await q
		.groupBy([
			month('community_change.happened_on'),
			'community_change.kind',
			'community_change.status'
		])
		.orderBy('month')
		.execute();
	return rows.map((r) => ({
		month: String(r.month),
		kind: r.kind,
		status: r.status,
		count: toNumber(r.n)
	}));
}

/**
 * Survey counts of the core measures ('all' cell), added over the coalitions in scope, per
 * period and indicator. Counts are added, never percentages averaged.
 */
export async function measureTotals(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	let q = db
		.selectFrom('indicator_value')
		.select((eb) => [
			'indicator_value.period',
			'indicator_value.indicator_id',
			eb.fn.sum<number>('indicator_value.numerator').as('numerator'),
			eb.fn.sum<number>('indicator_value.denominator').as('denominator')
		])
		.where('indicator_value.coalition_id', 'in', scopedCoalitionIds(db, scope, filters))
		.where('indicator_value.cell', '=', 'all')
		.where('indicator_value.survey_upload_id', 'is not', null);
	// Survey periods are years: a year counts when the period touches it.
	if (filters.from) q = q.where('indicator_value.period', '>=', filters.from.slice(0, 4));
	if (filters.to) q = q.where('indicator_value.period', '<=', filters.to.slice(0, 4));
	const rows = await q
		.groupBy(['indicator_value.period', 'indicator_value.indicator_id'])
		.orderBy('indicator_value.period')
		.execute();
	return rows.map((r) => ({
		period: r.period,
		indicatorId: r.indicator_id,
		numerator: toNumber(r.numerator),
		denominator: toNumber(r.denominator)
	}));
}

/** Published stories of the coalitions in scope, published within the period, newest first. */
export async function publishedStories(db: Db, scope: DashboardScope, filters: DashboardFilters) {
	let q = db
		.selectFrom('story')
		.innerJoin('coalition', 'coalition.id', 'story.coalition_id')
		.select([
			'story.id',
			'story.title_es',
			'story.title_en',
			'story.summary_es',
			'story.summary_en',
			'story.published_at',
			'coalition.name as coalition_name'
		])
		.where('story.status', '=', 'published')
		.where('story.coalition_id', 'in', scopedCoalitionIds(db, scope, filters));
	if (filters.from) q = q.where('story.published_at', '>=', filters.from);
	if (filters.to) q = q.where('story.published_at', '<', nextDay(filters.to));
	return q.orderBy('story.published_at', 'desc').orderBy('story.id').limit(200).execute();
}

/** published_at is a timestamp: "up to `to`" means before the next day begins. */
function nextDay(day: string): string {
	const d = new Date(day + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}
