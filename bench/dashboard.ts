/**
 * `npm run bench -- dashboard`: every figure of the network dashboard and the funder report
 * (src/lib/server/dashboard/queries.ts) over the generated 7,000-coalition network, for the
 * network administrator (the whole network) and for a hub NGO's staff (the coalitions it
 * supports), each next to the same figure from one hand-written statement; then the two whole
 * pages, next to their figures' statements run one after another.
 *
 * Each baseline maps its rows to the app's shape, so `compare` only has to put both in one order.
 */
import { sql, type RawBuilder } from 'kysely';
import { todayInLima } from '../src/lib/domain/dates';
import { toNumber } from '../src/lib/server/db/dialect';
import {
	activitiesByStrategy,
	assistanceByYear,
	changesByMonth,
	coalitionCounts,
	coalitionsByPlace,
	growthByYear,
	lineageEdges,
	measureTotals,
	membersBySector,
	publishedStories,
	stageCounts,
	trainingByYear,
	type DashboardFilters,
	type DashboardScope
} from '../src/lib/server/dashboard/queries';
import {
	dashboardScope,
	funderReport,
	networkDashboard
} from '../src/lib/server/dashboard/service';
import { runScaleBench, type BenchCase, type BenchContext } from './scale';

type Who = 'admin' | 'partner';

/** The report's period: the last whole year of the generated data. */
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

/** Sorted keys, rounded numbers (sums of decimal hours differ in the last bits), rows in one order. */
function canon(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map(canon).sort((a, b) => {
			const x = JSON.stringify(a);
			const y = JSON.stringify(b);
			return x < y ? -1 : x > y ? 1 : 0;
		});
	}
	if (typeof value === 'number') return Math.round(value * 100) / 100;
	if (value instanceof Date) return value.toISOString();
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, canon((value as Record<string, unknown>)[k])])
		);
	}
	return value;
}

/** The coalitions `who` may count, on alias `c`: the rule of dashboardScope, written out. */
function inScope(ctx: BenchContext, who: Who): RawBuilder<unknown> {
	const base = sql`c.network_id = ${ctx.networkId} and c.status <> 'archived'`;
	if (who === 'admin') return base;
	const org = ctx.partner.grants[0].organizationId!;
	return sql`${base} and (c.seeded_by_organization_id = ${org}
		or c.id in (select coalition_id from partner_role
			where network_id = ${ctx.networkId} and organization_id = ${org} and coalition_id is not null)
		or c.phase_id in (select phase_id from partner_role
			where network_id = ${ctx.networkId} and organization_id = ${org}
				and coalition_id is null and phase_id is not null))`;
}

function actorOf(ctx: BenchContext, who: Who) {
	return who === 'admin' ? ctx.admin : ctx.partner;
}

function scopeOf(ctx: BenchContext, who: Who): DashboardScope {
	return dashboardScope(actorOf(ctx, who), ctx.networkId);
}

/** `and <column> between …` for the bounds that are set. */
function within(column: string, period: DashboardFilters): RawBuilder<unknown> {
	const col = sql.ref(column);
	return sql`${period.from ? sql`and ${col} >= ${period.from}` : sql``}
		${period.to ? sql`and ${col} <= ${period.to}` : sql``}`;
}

async function rows<R>(ctx: BenchContext, query: RawBuilder<R>): Promise<R[]> {
	return (await query.execute(ctx.db)).rows;
}

type Num = number | string | null;

// One hand-written statement per figure, returning what the app's function returns.
const baselines = {
	async coalitionCounts(ctx: BenchContext, who: Who) {
		const found = await rows(
			ctx,
			sql<{ status: string; n: Num }>`
				select c.status, count(*) as n from coalition c where ${inScope(ctx, who)}
				group by c.status`
		);
		const by = Object.fromEntries(found.map((r) => [r.status, toNumber(r.n)]));
		return {
			total: found.reduce((s, r) => s + toNumber(r.n), 0),
			active: by.active ?? 0,
			forming: by.forming ?? 0,
			inactive: by.inactive ?? 0
		};
	},
	async growthByYear(ctx: BenchContext, who: Who) {
		const found = await rows(
			ctx,
			sql<{ year: Num; estimated: Num; phase_id: string | null; n: Num }>`
				select coalesce(c.founded_year, ph.start_year) as year,
					case when c.founded_year is null then 1 else 0 end as estimated, c.phase_id,
					count(*) as n
				from coalition c left join phase ph on ph.id = c.phase_id
				where ${inScope(ctx, who)}
				group by coalesce(c.founded_year, ph.start_year),
					case when c.founded_year is null then 1 else 0 end, c.phase_id`
		);
		return found.map((r) => ({
			year: r.year === null ? null : toNumber(r.year),
			estimated: toNumber(r.estimated) === 1,
			phaseId: r.phase_id,
			count: toNumber(r.n)
		}));
	},
	async lineageEdges(ctx: BenchContext, who: Who) {
		const found = await rows(
			ctx,
			sql<{
				id: string;
				name: string;
				founded_year: Num;
				sc: string | null;
				sc_name: string | null;
				so: string | null;
				so_name: string | null;
				so_short: string | null;
			}>`
				select c.id, c.name, c.founded_year, c.seeded_by_coalition_id as sc, s.name as sc_name,
					c.seeded_by_organization_id as so, o.name as so_name, o.short_name as so_short
				from coalition c
				left join coalition s on s.id = c.seeded_by_coalition_id
				left join organization o on o.id = c.seeded_by_organization_id
				where ${inScope(ctx, who)}`
		);
		return found.map((r) => ({
			id: r.id,
			name: r.name,
			foundedYear: r.founded_year === null ? null : toNumber(r.founded_year),
			seededByCoalition: r.sc ? { id: r.sc, name: r.sc_name ?? '' } : null,
			seededByOrganization: r.so ? { id: r.so, name: r.so_short || r.so_name || '' } : null
		}));
	},
	async coalitionsByPlace(ctx: BenchContext, who: Who) {
		const found = await rows(
			ctx,
			sql<{ place_id: string; phase_id: string | null; n: Num; some_id: string }>`
				select c.place_id, c.phase_id, count(*) as n, min(c.id) as some_id
				from coalition c where ${inScope(ctx, who)}
				group by c.place_id, c.phase_id`
		);
		return found.map((r) => ({
			placeId: r.place_id,
			phaseId: r.phase_id,
			count: toNumber(r.n),
			someCoalitionId: String(r.some_id)
		}));
	},
	async membersBySector(ctx: BenchContext, who: Who, period: DashboardFilters, today: string) {
		const on = period.to ?? today;
		const since = period.from ?? on;
		const found = await rows(
			ctx,
			sql<{ sector: string; n: Num }>`
				select m.sector, count(*) as n
				from membership m join coalition c on c.id = m.coalition_id
				where ${inScope(ctx, who)} and m.started_on <= ${on}
					and (m.ended_on is null or m.ended_on >= ${since})
				group by m.sector`
		);
		return found.map((r) => ({ sector: r.sector, count: toNumber(r.n) }));
	},
	async stageCounts(ctx: BenchContext, who: Who) {
		const found = await rows(
			ctx,
			sql<{ spf_stage: string | null; n: Num }>`
				select c.spf_stage, count(*) as n from coalition c where ${inScope(ctx, who)}
				group by c.spf_stage`
		);
		return found.map((r) => ({ stage: r.spf_stage, count: toNumber(r.n) }));
	},
	async trainingByYear(ctx: BenchContext, who: Who, period: DashboardFilters) {
		const found = await rows(
			ctx,
			sql<{ year: string; events: Num; attendances: Num; hours: Num }>`
				select substr(e.starts_on, 1, 4) as year, count(distinct e.id) as events,
					count(*) as attendances, sum(coalesce(a.hours, e.hours)) as hours
				from training_attendance a
				join training_event e on e.id = a.event_id
				join coalition c on c.id = a.coalition_id
				where ${inScope(ctx, who)} ${within('e.starts_on', period)}
				group by substr(e.starts_on, 1, 4)`
		);
		return found.map((r) => ({
			year: Number(r.year),
			events: toNumber(r.events),
			attendances: toNumber(r.attendances),
			hours: toNumber(r.hours)
		}));
	},
	async assistanceByYear(ctx: BenchContext, who: Who, period: DashboardFilters) {
		const found = await rows(
			ctx,
			sql<{ year: string; contacts: Num; hours: Num }>`
				select substr(t.contact_on, 1, 4) as year, count(*) as contacts, sum(t.hours) as hours
				from ta_contact t join coalition c on c.id = t.coalition_id
				where ${inScope(ctx, who)} ${within('t.contact_on', period)}
				group by substr(t.contact_on, 1, 4)`
		);
		return found.map((r) => ({
			year: Number(r.year),
			contacts: toNumber(r.contacts),
			hours: toNumber(r.hours)
		}));
	},
	async activitiesByStrategy(ctx: BenchContext, who: Who, period: DashboardFilters) {
		const found = await rows(
			ctx,
			sql<Record<string, Num> & { strategy_code: string | null }>`
				select a.strategy_code, count(*) as n, sum(a.reached_total) as reached,
					sum(a.reached_youth_f) as youth_f, sum(a.reached_youth_m) as youth_m,
					sum(a.reached_adult_f) as adult_f, sum(a.reached_adult_m) as adult_m,
					sum(a.volunteer_hours) as volunteer_hours
				from activity a join coalition c on c.id = a.coalition_id
				where ${inScope(ctx, who)} ${within('a.happened_on', period)}
				group by a.strategy_code`
		);
		return found.map((r) => ({
			strategy: r.strategy_code,
			activities: toNumber(r.n),
			reached: toNumber(r.reached),
			youthF: toNumber(r.youth_f),
			youthM: toNumber(r.youth_m),
			adultF: toNumber(r.adult_f),
			adultM: toNumber(r.adult_m),
			volunteerHours: toNumber(r.volunteer_hours)
		}));
	},
	async changesByMonth(ctx: BenchContext, who: Who, period: DashboardFilters) {
		const found = await rows(
			ctx,
			sql<{ month: string; kind: string; status: string; n: Num }>`
				select substr(x.happened_on, 1, 7) as month, x.kind, x.status, count(*) as n
				from community_change x join coalition c on c.id = x.coalition_id
				where ${inScope(ctx, who)} ${within('x.happened_on', { to: period.to })}
				group by substr(x.happened_on, 1, 7), x.kind, x.status`
		);
		return found.map((r) => ({
			month: String(r.month),
			kind: r.kind,
			status: r.status,
			count: toNumber(r.n)
		}));
	},
	async measureTotals(ctx: BenchContext, who: Who, period: DashboardFilters) {
		const years = { from: period.from?.slice(0, 4), to: period.to?.slice(0, 4) };
		const found = await rows(
			ctx,
			sql<{ period: string; indicator_id: string; numerator: Num; denominator: Num }>`
				select v.period, v.indicator_id, sum(v.numerator) as numerator,
					sum(v.denominator) as denominator
				from indicator_value v join coalition c on c.id = v.coalition_id
				where ${inScope(ctx, who)} and v.cell = 'all' and v.survey_upload_id is not null
					${within('v.period', years)}
				group by v.period, v.indicator_id`
		);
		return found.map((r) => ({
			period: r.period,
			indicatorId: r.indicator_id,
			numerator: toNumber(r.numerator),
			denominator: toNumber(r.denominator)
		}));
	},
	async publishedStories(ctx: BenchContext, who: Who, period: DashboardFilters) {
		// published_at is a timestamp: the period's last day runs until the next one begins.
		const end = period.to ? new Date(`${period.to}T00:00:00Z`) : null;
		end?.setUTCDate(end.getUTCDate() + 1);
		const before = end ? sql`and s.published_at < ${end.toISOString().slice(0, 10)}` : sql``;
		return rows(
			ctx,
			sql<{ id: string }>`
				select s.id, s.title_es, s.title_en, s.summary_es, s.summary_en, s.published_at,
					c.name as coalition_name
				from story s join coalition c on c.id = s.coalition_id
				where ${inScope(ctx, who)} and s.status = 'published'
					${period.from ? sql`and s.published_at >= ${period.from}` : sql``} ${before}
				order by s.published_at desc, s.id
				limit 200`
		);
	}
};

type Figure = keyof typeof baselines;

/** The app's function for each figure, with the dashboard's filters (no period). */
const figures: Record<
	Figure,
	(ctx: BenchContext, scope: DashboardScope, today: string) => Promise<unknown>
> = {
	coalitionCounts: (c, s) => coalitionCounts(c.db, s, {}),
	growthByYear: (c, s) => growthByYear(c.db, s, {}),
	lineageEdges: (c, s) => lineageEdges(c.db, s, {}),
	coalitionsByPlace: (c, s) => coalitionsByPlace(c.db, s, {}),
	membersBySector: (c, s, today) => membersBySector(c.db, s, {}, today),
	stageCounts: (c, s) => stageCounts(c.db, s, {}),
	trainingByYear: (c, s) => trainingByYear(c.db, s, {}),
	assistanceByYear: (c, s) => assistanceByYear(c.db, s, {}),
	activitiesByStrategy: (c, s) => activitiesByStrategy(c.db, s, {}),
	changesByMonth: (c, s) => changesByMonth(c.db, s, {}),
	measureTotals: (c, s) => measureTotals(c.db, s, {}),
	publishedStories: (c, s) => publishedStories(c.db, s, {})
};

export function dashboardCases(): BenchCase[] {
	const today = todayInLima();
	const cases: BenchCase[] = [];
	for (const who of ['admin', 'partner'] as const) {
		const label = who === 'admin' ? 'admin' : 'partner';
		for (const name of Object.keys(figures) as Figure[]) {
			cases.push({
				name: `${name} (${label})`,
				run: (c) => figures[name](c, scopeOf(c, who), today),
				baseline: (c) => baselines[name](c, who, {}, today),
				compare: canon
			});
		}
	}
	for (const who of ['admin', 'partner'] as const) {
		cases.push({
			name: `dashboard page (${who})`,
			run: async (c) => {
				const page = await networkDashboard(
					c.db,
					actorOf(c, who),
					c.networkId,
					{},
					{ locale: 'es', today, noPhaseLabel: '—' }
				);
				return {
					coalitions: page.counts.total,
					lineage: page.lineage.coalitions,
					members: page.sectors.total,
					attendances: page.hours.total.attendances,
					activities: page.strategies.total.activities
				};
			},
			baseline: async (c) => {
				const got = await allFigures(c, who, {}, today);
				return {
					coalitions: got.coalitionCounts.total,
					lineage: got.lineageEdges.length,
					members: sum(got.membersBySector, (r) => r.count),
					attendances: sum(got.trainingByYear, (r) => r.attendances),
					activities: sum(got.activitiesByStrategy, (r) => r.activities)
				};
			},
			compare: canon
		});
		cases.push({
			name: `funder report, ${YEAR.from.slice(0, 4)} (${who})`,
			run: async (c) => {
				const result = await funderReport(c.db, actorOf(c, who), c.networkId, YEAR, 'es');
				if (result.status !== 'ok') throw new Error('the report refused its period');
				const r = result.report;
				return {
					coalitions: r.coalitions.total,
					members: r.sectors.total,
					attendances: r.hours.total.attendances,
					activities: r.strategies.total.activities,
					changes: r.changes.inPeriod,
					stories: r.stories.length
				};
			},
			baseline: async (c) => {
				const got = await allFigures(c, who, YEAR, today);
				const first = YEAR.from.slice(0, 7);
				return {
					coalitions: got.coalitionCounts.total,
					members: sum(got.membersBySector, (r) => r.count),
					attendances: sum(got.trainingByYear, (r) => r.attendances),
					activities: sum(got.activitiesByStrategy, (r) => r.activities),
					changes: sum(
						got.changesByMonth.filter((r) => r.month >= first),
						(r) => r.count
					),
					stories: got.publishedStories.length
				};
			},
			compare: canon
		});
	}
	return cases;
}

function sum<T>(list: T[], of: (item: T) => number): number {
	return list.reduce((s, x) => s + of(x), 0);
}

/** Every figure's statement, one after another, as the pages ask for them. */
async function allFigures(ctx: BenchContext, who: Who, period: DashboardFilters, today: string) {
	const b = baselines;
	return {
		coalitionCounts: await b.coalitionCounts(ctx, who),
		growthByYear: await b.growthByYear(ctx, who),
		lineageEdges: await b.lineageEdges(ctx, who),
		coalitionsByPlace: await b.coalitionsByPlace(ctx, who),
		membersBySector: await b.membersBySector(ctx, who, period, today),
		stageCounts: await b.stageCounts(ctx, who),
		trainingByYear: await b.trainingByYear(ctx, who, period),
		assistanceByYear: await b.assistanceByYear(ctx, who, period),
		activitiesByStrategy: await b.activitiesByStrategy(ctx, who, period),
		changesByMonth: await b.changesByMonth(ctx, who, period),
		measureTotals: await b.measureTotals(ctx, who, period),
		publishedStories: await b.publishedStories(ctx, who, period)
	};
}

export async function run(): Promise<void> {
	await runScaleBench('Network dashboard and funder report', dashboardCases);
}
