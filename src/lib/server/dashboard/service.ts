/**
 * The network dashboard and the funder report. Access first: the reader's scope decides which
 * coalitions every figure adds up (administrators and viewers the whole network, coordinators
 * their coalition, partner staff the coalitions their organization supports). Then the filters,
 * checked against the network's own phases, regions and partners. The figures come from
 * queries.ts; survey measures keep the survey feature's small-number suppression.
 */
import {
	canEnterNetwork,
	coordinatedCoalitionIds,
	isNetworkAdmin,
	partnerOrganizationIds,
	type Actor
} from '$lib/domain/access';
import { SECTORS, SPF_STAGES, STRATEGIES } from '$lib/domain/capacity';
import { todayInLima } from '$lib/domain/dates';
import { parseForm, type FieldErrors } from '$lib/domain/forms';
import { localized, type Locale } from '$lib/domain/network';
import { CHANGE_KINDS, monthsBetween } from '$lib/domain/planning';
import { effectiveCoordinates, placePath, type PlaceNode } from '$lib/domain/places';
import { REPORT_FIELDS, reportSchema, type ReportInput } from '$lib/domain/schemas/report';
import { INDICATOR_CODES, type IndicatorCode } from '$lib/domain/survey/columns';
import { suppressCells } from '$lib/domain/survey/suppress';
import { layoutForest, lineageForest, seeders } from '$lib/charts/lineage';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { listPlaces } from '../places/queries';
import { PHASE_COLORS } from '../public/service';
import { coreIndicatorId, surveySettings } from '../surveys/queries';
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
	resolvedScope,
	stageCounts,
	trainingByYear,
	type DashboardFilters,
	type DashboardScope
} from './queries';

/** Above this many coalitions the lineage is listed by seeder; the full tree needs a filter. */
export const MAX_TREE_NODES = 250;

const NO_PHASE = 'none';
const NO_PHASE_COLOR = '#8a8275';

/**
 * The coalitions whose figures the actor may see, as a scope for the queries. Viewers read the
 * network's counts like administrators (no personal data is in a count); everyone else sees
 * only the coalitions they work with.
 */
export function dashboardScope(actor: Actor | null, networkId: string): DashboardScope {
	if (!canEnterNetwork(actor, networkId)) throw new NotFoundError('network');
	const seesAll =
		isNetworkAdmin(actor, networkId) ||
		Boolean(actor?.grants.some((g) => g.role === 'viewer' && g.networkId === networkId));
	if (seesAll) return { networkId, coalitionIds: null, organizationIds: [] };
	return {
		networkId,
		coalitionIds: coordinatedCoalitionIds(actor, networkId),
		organizationIds: partnerOrganizationIds(actor, networkId)
	};
}

/** The network's phases, regions, partners and (in scope) coalitions, for the filter forms. */
async function filterOptions(db: Db, scope: DashboardScope, locale: Locale) {
	const phases = await db
		.selectFrom('phase')
		.select(['id', 'number', 'name_es', 'name_en', 'start_year'])
		.where('network_id', '=', scope.networkId)
		.orderBy('number')
		.execute();
	const places = await listPlaces(db, scope.networkId);
	const partners = await db
		.selectFrom('organization')
		.select(['organization.id', 'organization.name', 'organization.short_name'])
		.where(
			'organization.id',
			'in',
			db
				.selectFrom('partner_role')
				.select('partner_role.organization_id')
				.where('partner_role.network_id', '=', scope.networkId)
		)
		.orderBy('organization.name')
		.execute();
	return {
		phases: phases.map((p) => ({
			id: p.id,
			number: p.number,
			name: localized(p.name_es, p.name_en, locale),
			startYear: p.start_year,
			color: PHASE_COLORS[(p.number - 1) % PHASE_COLORS.length]
		})),
		regions: places
			.filter((p) => p.parent_id === null)
			.map((p) => ({ id: p.id, name: localized(p.name, p.name_en, locale) })),
		partners: partners.map((o) => ({
			id: o.id,
			name: o.short_name && o.short_name !== o.name ? `${o.short_name} — ${o.name}` : o.name
		})),
		places
	};
}

export interface DashboardQuery {
	phase?: string | null;
	region?: string | null;
	partner?: string | null;
}

/** Filters naming something the network does not have are dropped, not trusted. */
function checkedFilters(
	query: DashboardQuery,
	options: Awaited<ReturnType<typeof filterOptions>>
): DashboardFilters {
	const pick = (value: string | null | undefined, list: { id: string }[]) =>
		value && list.some((x) => x.id === value) ? value : undefined;
	return {
		phaseId: pick(query.phase, options.phases),
		regionId: pick(query.region, options.regions),
		partnerId: pick(query.partner, options.partners)
	};
}

/** Coordinates per place (its own, or the nearest place above it that has some). */
function coordinatesOf(places: Awaited<ReturnType<typeof listPlaces>>) {
	const byId = new Map<string, PlaceNode>(
		places.map((p) => [
			p.id,
			{
				id: p.id,
				parentId: p.parent_id,
				kind: p.kind,
				name: p.name,
				nameEn: p.name_en,
				latitude: p.latitude,
				longitude: p.longitude,
				coordsApproximate: p.coords_approximate
			}
		])
	);
	return (placeId: string) => {
		const path = placePath(placeId, byId);
		return { coords: effectiveCoordinates(path), path };
	};
}

interface MeasurePoint {
	period: string;
	percent: number | null;
	numerator: number | null;
	denominator: number | null;
	suppressed: boolean;
}

/**
 * Core measures per period for the scope, next to the network's, with the survey feature's
 * suppression applied to the equation this view adds: network = scope + the rest. A cell under
 * the network's minimum is hidden, and a second one too when one hidden cell could be found by
 * subtraction. Administrators, and staff whose scope is only their own coalitions, see their
 * scope's counts as they are.
 */
async function coreMeasures(
	db: Db,
	actor: Actor | null,
	scope: DashboardScope,
	filters: DashboardFilters,
	wholeNetwork: boolean
) {
	const { minCell } = await surveySettings(db, scope.networkId);
	const admin = isNetworkAdmin(actor, scope.networkId);
	const scopeKnown = admin || scope.coalitionIds !== null;
	const everything: DashboardScope = {
		networkId: scope.networkId,
		coalitionIds: null,
		organizationIds: []
	};
	const period = { from: filters.from, to: filters.to };
	const own = await measureTotals(db, scope, filters);
	const network = wholeNetwork ? own : await measureTotals(db, everything, period);
	const key = (period: string, indicatorId: string) => `${period}|${indicatorId}`;
	const ownBy = new Map(own.map((r) => [key(r.period, r.indicatorId), r]));
	const netBy = new Map(network.map((r) => [key(r.period, r.indicatorId), r]));
	const periods = [...new Set(network.map((r) => r.period))].sort();
	const point = (
		period: string,
		c: { numerator: number; denominator: number } | undefined,
		hidden: boolean
	): MeasurePoint => {
		if (!c || c.denominator === 0) {
			return { period, percent: null, numerator: null, denominator: null, suppressed: false };
		}
		if (hidden) {
			return { period, percent: null, numerator: null, denominator: null, suppressed: true };
		}
		return {
			period,
			percent: (100 * c.numerator) / c.denominator,
			numerator: c.numerator,
			denominator: c.denominator,
			suppressed: false
		};
	};
	const series = INDICATOR_CODES.map((code: IndicatorCode) => {
		const id = coreIndicatorId(code);
		const scopePoints: MeasurePoint[] = [];
		const networkPoints: MeasurePoint[] = [];
		for (const p of periods) {
			const s = ownBy.get(key(p, id));
			const n = netBy.get(key(p, id));
			const cells: Record<string, { numerator: number; denominator: number }> = {};
			if (n) cells.network = n;
			if (s && !wholeNetwork) cells.scope = s;
			const restDen = (n?.denominator ?? 0) - (s?.denominator ?? 0);
			if (!wholeNetwork && n && restDen > 0) {
				cells.rest = {
					numerator: n.numerator - (s?.numerator ?? 0),
					denominator: restDen
				};
			}
			const partitions =
				cells.network && cells.scope && cells.rest
					? [{ total: 'network', parts: ['scope', 'rest'] }]
					: [];
			const hidden = admin
				? new Set<string>()
				: suppressCells(cells, partitions, minCell, (k) => k === 'scope' && scopeKnown);
			networkPoints.push(point(p, n, hidden.has('network')));
			scopePoints.push(
				wholeNetwork ? point(p, n, hidden.has('network')) : point(p, s, hidden.has('scope'))
			);
		}
		return { indicator: code, scope: scopePoints, network: networkPoints };
	});
	return { periods, minCell, suppressedView: !admin, series };
}

function growthShape(
	rows: Awaited<ReturnType<typeof growthByYear>>,
	phases: Awaited<ReturnType<typeof filterOptions>>['phases'],
	noPhaseLabel: string
) {
	const dated = rows.filter((r) => r.year !== null);
	// Estimated and recorded years of one phase share a bar.
	const merged = new Map<string, { year: number; phaseId: string; count: number }>();
	for (const r of dated) {
		const phaseId = r.phaseId ?? NO_PHASE;
		const k = `${r.year}|${phaseId}`;
		const entry = merged.get(k) ?? { year: r.year as number, phaseId, count: 0 };
		entry.count += r.count;
		merged.set(k, entry);
	}
	const series = [...merged.values()].sort((a, b) => a.year - b.year);
	const used = new Set(series.map((s) => s.phaseId));
	return {
		series,
		phases: [
			...phases
				.filter((p) => used.has(p.id))
				.map((p) => ({
					id: p.id,
					label: `${p.number}. ${p.name}`,
					color: p.color,
					startYear: p.startYear
				})),
			...(used.has(NO_PHASE)
				? [{ id: NO_PHASE, label: noPhaseLabel, color: NO_PHASE_COLOR, startYear: 0 }]
				: [])
		],
		undated: rows.filter((r) => r.year === null).reduce((sum, r) => sum + r.count, 0),
		estimated: dated.filter((r) => r.estimated).reduce((sum, r) => sum + r.count, 0)
	};
}

/** Every sector in the canonical order, with zero where nobody sits. */
function sectorShape(rows: Awaited<ReturnType<typeof membersBySector>>) {
	const by = new Map(rows.map((r) => [r.sector, r.count]));
	return {
		rows: SECTORS.map((sector) => ({ sector, count: by.get(sector) ?? 0 })),
		total: rows.reduce((sum, r) => sum + r.count, 0)
	};
}

function stageShape(rows: Awaited<ReturnType<typeof stageCounts>>) {
	const by = new Map(rows.map((r) => [r.stage, r.count]));
	return [...SPF_STAGES, null].map((stage) => ({
		stage,
		count: (by.get(stage) ?? 0) + (stage === null ? unknownStages(rows) : 0)
	}));
}

/** A stage code the framework does not have counts as "not recorded". */
function unknownStages(rows: Awaited<ReturnType<typeof stageCounts>>): number {
	return rows
		.filter((r) => r.stage !== null && !(SPF_STAGES as readonly string[]).includes(r.stage))
		.reduce((sum, r) => sum + r.count, 0);
}

function strategyShape(rows: Awaited<ReturnType<typeof activitiesByStrategy>>) {
	const by = new Map(rows.map((r) => [r.strategy, r]));
	const empty = {
		activities: 0,
		reached: 0,
		youthF: 0,
		youthM: 0,
		adultF: 0,
		adultM: 0,
		volunteerHours: 0
	};
	const other = rows.filter(
		(r) => r.strategy === null || !(STRATEGIES as readonly string[]).includes(r.strategy)
	);
	const sum = (list: typeof rows) =>
		list.reduce(
			(acc, r) => ({
				activities: acc.activities + r.activities,
				reached: acc.reached + r.reached,
				youthF: acc.youthF + r.youthF,
				youthM: acc.youthM + r.youthM,
				adultF: acc.adultF + r.adultF,
				adultM: acc.adultM + r.adultM,
				volunteerHours: acc.volunteerHours + r.volunteerHours
			}),
			empty
		);
	return {
		rows: [
			...STRATEGIES.map((strategy) => ({ strategy, ...(by.get(strategy) ?? empty) })),
			{ strategy: null, ...sum(other) }
		],
		total: sum(rows)
	};
}

/**
 * Changes month by month with the running total. The dashboard starts at the first change; a
 * report starts at its period, with the changes before it as the starting total.
 */
function changeShape(
	rows: Awaited<ReturnType<typeof changesByMonth>>,
	range: { from?: string; to: string }
) {
	const to = range.to.slice(0, 7);
	const from = range.from?.slice(0, 7) ?? rows[0]?.month ?? to;
	let running = rows.filter((r) => r.month < from).reduce((sum, r) => sum + r.count, 0);
	const before = running;
	const inRange = rows.filter((r) => r.month >= from && r.month <= to);
	const points = monthsBetween(from, to).map((month) => {
		const count = inRange.filter((r) => r.month === month).reduce((s, r) => s + r.count, 0);
		running += count;
		return { month, count, cumulative: running };
	});
	const byKind = CHANGE_KINDS.map((kind) => ({
		kind,
		count: inRange.filter((r) => r.kind === kind).reduce((s, r) => s + r.count, 0),
		inForce: inRange
			.filter((r) => r.kind === kind && (r.status === 'adopted' || r.status === 'enforced'))
			.reduce((s, r) => s + r.count, 0)
	}));
	return { before, points, byKind, inPeriod: running - before, total: running };
}

function hoursShape(
	training: Awaited<ReturnType<typeof trainingByYear>>,
	assistance: Awaited<ReturnType<typeof assistanceByYear>>
) {
	const years = [...new Set([...training.map((t) => t.year), ...assistance.map((a) => a.year)])]
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
	const rows = years.map((year) => {
		const t = training.find((r) => r.year === year);
		const a = assistance.find((r) => r.year === year);
		return {
			year,
			events: t?.events ?? 0,
			attendances: t?.attendances ?? 0,
			trainingHours: t?.hours ?? 0,
			contacts: a?.contacts ?? 0,
			taHours: a?.hours ?? 0
		};
	});
	return {
		rows,
		total: rows.reduce(
			(acc, r) => ({
				events: acc.events + r.events,
				attendances: acc.attendances + r.attendances,
				trainingHours: acc.trainingHours + r.trainingHours,
				contacts: acc.contacts + r.contacts,
				taHours: acc.taHours + r.taHours
			}),
			{ events: 0, attendances: 0, trainingHours: 0, contacts: 0, taHours: 0 }
		)
	};
}

export interface DashboardOptions {
	locale: Locale;
	today?: string;
	/** label for coalitions without a phase (a translated string, from the page) */
	noPhaseLabel: string;
}

/** The dashboard: every figure for the reader's scope and the filters on the page. */
export async function networkDashboard(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: DashboardQuery,
	options: DashboardOptions
) {
	const scope = await resolvedScope(db, dashboardScope(actor, networkId));
	const today = options.today ?? todayInLima();
	const opts = await filterOptions(db, scope, options.locale);
	const filters = checkedFilters(query, opts);
	const wholeNetwork =
		scope.coalitionIds === null && !filters.phaseId && !filters.regionId && !filters.partnerId;

	const edges = await lineageEdges(db, scope, filters);
	const forest = lineageForest(edges);
	const tree = edges.length <= MAX_TREE_NODES ? layoutForest(forest) : null;

	const locate = coordinatesOf(opts.places);
	const phaseColor = new Map(opts.phases.map((p) => [p.id, p.color]));
	const places = await coalitionsByPlace(db, scope, filters);
	const byPlace = new Map<string, { count: number; someId: string; phases: Set<string> }>();
	for (const r of places) {
		const entry = byPlace.get(r.placeId) ?? {
			count: 0,
			someId: r.someCoalitionId,
			phases: new Set()
		};
		entry.count += r.count;
		if (r.phaseId) entry.phases.add(r.phaseId);
		byPlace.set(r.placeId, entry);
	}
	const mapPlaces = [...byPlace.entries()].map(([placeId, e]) => {
		const { coords, path } = locate(placeId);
		const name = path.map((p) => localized(p.name, p.nameEn ?? null, options.locale));
		return {
			placeId,
			name: name.slice(1).reverse().join(', ') || name.join(', '),
			region: name[0] ?? '',
			regionId: path[0]?.id ?? '',
			count: e.count,
			someCoalitionId: e.someId,
			color: e.phases.size === 1 ? phaseColor.get([...e.phases][0]) : undefined,
			coords
		};
	});

	const counts = await coalitionCounts(db, scope, filters);
	return {
		filters: {
			phase: filters.phaseId ?? '',
			region: filters.regionId ?? '',
			partner: filters.partnerId ?? ''
		},
		options: { phases: opts.phases, regions: opts.regions, partners: opts.partners },
		wholeNetwork,
		limited: scope.coalitionIds !== null,
		counts,
		growth: growthShape(await growthByYear(db, scope, filters), opts.phases, options.noPhaseLabel),
		lineage: {
			coalitions: edges.length,
			forest,
			tree,
			seeders: seeders(forest)
		},
		map: {
			places: mapPlaces.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'es')),
			located: mapPlaces.filter((p) => p.coords).reduce((s, p) => s + p.count, 0)
		},
		sectors: sectorShape(await membersBySector(db, scope, filters, today)),
		stages: stageShape(await stageCounts(db, scope, filters)),
		hours: hoursShape(
			await trainingByYear(db, scope, filters),
			await assistanceByYear(db, scope, filters)
		),
		strategies: strategyShape(await activitiesByStrategy(db, scope, filters)),
		changes: changeShape(await changesByMonth(db, scope, filters), { to: today }),
		measures: await coreMeasures(db, actor, scope, filters, wholeNetwork),
		today
	};
}

// ---------------------------------------------------------------------------------------------
// The funder report

export interface ReportQuery {
	from?: string | null;
	to?: string | null;
	scope?: string | null;
	phase?: string | null;
	partner?: string | null;
	coalition?: string | null;
	/** ids of the stories the form ticked; absent means "all of them" on first view */
	stories?: string[] | null;
}

/** Coalitions the report form offers: those in the reader's scope, by name (capped for phones). */
export const MAX_COALITION_CHOICES = 500;

/** What the report form needs: the reader's phases, partners and coalitions to choose from. */
export async function reportForm(db: Db, actor: Actor | null, networkId: string, locale: Locale) {
	const scope = await resolvedScope(db, dashboardScope(actor, networkId));
	const opts = await filterOptions(db, scope, locale);
	const coalitions = await lineageEdges(db, scope, {});
	return {
		phases: opts.phases,
		partners: opts.partners,
		coalitions: coalitions
			.map((c) => ({ id: c.id, name: c.name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'es'))
			.slice(0, MAX_COALITION_CHOICES),
		/** partner staff and coordinators report on their own coalitions only */
		limited: scope.coalitionIds !== null
	};
}

export type FunderReportResult =
	| { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
	| { status: 'ok'; report: Awaited<ReturnType<typeof buildReport>> };

/**
 * The funder report for a period and a scope. Invalid input (dates, a missing target) comes back
 * as field errors for the form; a phase, partner or coalition the reader may not report on
 * answers like a missing one.
 */
export async function funderReport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	query: ReportQuery,
	locale: Locale
): Promise<FunderReportResult> {
	const scope = dashboardScope(actor, networkId);
	const input = Object.fromEntries(REPORT_FIELDS.map((f) => [f, query[f] ?? '']));
	if (!input.scope) input.scope = 'network';
	const parsed = parseForm(reportSchema, input, REPORT_FIELDS);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	return {
		status: 'ok',
		report: await buildReport(db, actor, scope, parsed.value, query.stories ?? null, locale)
	};
}

async function buildReport(
	db: Db,
	actor: Actor | null,
	access: DashboardScope,
	input: ReportInput,
	chosenStories: string[] | null,
	locale: Locale
) {
	const scope = await resolvedScope(db, access);
	const opts = await filterOptions(db, scope, locale);
	const filters: DashboardFilters = { from: input.from, to: input.to };
	let subject: { kind: ReportInput['scope']; name: string | null } = {
		kind: input.scope,
		name: null
	};
	if (input.scope === 'phase') {
		const phase = opts.phases.find((p) => p.id === input.phase);
		if (!phase) throw new NotFoundError('phase');
		filters.phaseId = phase.id;
		subject = { kind: 'phase', name: `${phase.number}. ${phase.name}` };
	} else if (input.scope === 'partner') {
		const partner = opts.partners.find((p) => p.id === input.partner);
		// Partner staff report on their own organization's work, not on another partner's.
		const own = access.coalitionIds === null || access.organizationIds.includes(input.partner);
		if (!partner || !own) throw new NotFoundError('organization');
		filters.partnerId = partner.id;
		subject = { kind: 'partner', name: partner.name };
	} else if (input.scope === 'coalition') {
		const [coalition] = await lineageEdges(db, scope, { coalitionId: input.coalition });
		if (!coalition) throw new NotFoundError('coalition');
		filters.coalitionId = coalition.id;
		subject = { kind: 'coalition', name: coalition.name };
	}
	const network = await db
		.selectFrom('network')
		.select(['name_es', 'name_en'])
		.where('id', '=', scope.networkId)
		.executeTakeFirstOrThrow();
	const wholeNetwork = input.scope === 'network' && scope.coalitionIds === null;
	const stories = await publishedStories(db, scope, filters);
	const chosen = chosenStories === null ? null : new Set(chosenStories);
	return {
		network: localized(network.name_es, network.name_en, locale),
		period: { from: input.from, to: input.to },
		subject,
		limited: scope.coalitionIds !== null,
		values: {
			from: input.from,
			to: input.to,
			scope: input.scope,
			phase: input.phase,
			partner: input.partner,
			coalition: input.coalition
		},
		coalitions: await coalitionCounts(db, scope, filters),
		sectors: sectorShape(await membersBySector(db, scope, filters, input.to)),
		hours: hoursShape(
			await trainingByYear(db, scope, filters),
			await assistanceByYear(db, scope, filters)
		),
		strategies: strategyShape(await activitiesByStrategy(db, scope, filters)),
		changes: changeShape(await changesByMonth(db, scope, filters), {
			from: input.from,
			to: input.to
		}),
		measures: await coreMeasures(db, actor, scope, filters, wholeNetwork),
		stories: stories.map((s) => ({
			id: s.id,
			title: localized(s.title_es ?? s.title_en ?? '', s.title_en, locale),
			summary: localized(s.summary_es ?? '', s.summary_en, locale),
			coalition: s.coalition_name,
			publishedAt: s.published_at,
			selected: chosen === null || chosen.has(s.id)
		}))
	};
}
