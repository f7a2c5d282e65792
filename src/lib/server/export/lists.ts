/**
 * The rows behind each list's download. Every function checks access the way the list's page
 * does, and does so before returning (so "not found" is answered before a byte is streamed); the
 * rows are then read as they are written. Lists that can grow without bound across a network
 * (coalitions, messages, the change log) are read in keyset batches; lists a page already reads
 * whole or page by page come from the page's own service, so the file can never hold a row, a
 * column or an unsuppressed cell that the page would not show.
 */
import { listActivities } from '../planning/activities';
import { listChanges } from '../planning/changes';
import { isNetworkAdmin, type Actor } from '$lib/domain/access';
import { todayInLima } from '$lib/domain/dates';
import { OPEN_STATUSES, MESSAGE_STATUSES, type MessageStatus } from '$lib/domain/schemas/message';
import { CELL_KEYS, parseCellKey } from '$lib/domain/survey/compute';
import { MEASURES, SUBSTANCES, type IndicatorCode } from '$lib/domain/survey/columns';
import { listUsers } from '../accounts/service';
import { listAgreements } from '../agreements/service';
import { listContacts } from '../assistance/service';
import { coalitionListQuery, withPlaceLabels } from '../coalitions/workspace';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { listMeetings } from '../meetings/service';
import { listMembers } from '../members/service';
import { listMessages } from '../messages/queries';
import { inboxAccess, readableCoalitionIds } from '../messages/service';
import { listPartnersFor } from '../partners/workspace';
import { listPhasesFor } from '../phases/workspace';
import { listPlacesFor } from '../places/workspace';
import {
	coalitionIndicators,
	listIndicators,
	measuresFor,
	measureTrends,
	networkMeasures
} from '../surveys/service';
import { listTrainings, trainingForEdit } from '../trainings/service';
import { BATCH_SIZE, keysetBatches } from './table';

/**
 * A paginated service read page after page. The first page is read at once, so its access
 * check runs before anything is streamed.
 */
async function allPages<R>(
	read: (page: number) => Promise<{ rows: R[]; pages: number }>
): Promise<AsyncIterable<R>> {
	const first = await read(1);
	return (async function* () {
		yield* first.rows;
		for (let page = 2; page <= first.pages; page++) yield* (await read(page)).rows;
	})();
}

const text = (p: URLSearchParams, key: string) => p.get(key) ?? '';

type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

interface ChangeRow {
	id: string;
	created_at: string;
	actor_label: string;
	action: string;
	entity_type: string;
	entity_label: string | null;
}

interface CoalitionRow {
	id: string;
	name: string;
	name_search: string;
	status: string;
	place_id: string;
	founded_year: number | null;
	updated_at: string;
	phase_number: number | null;
	place: string;
}

// ——— The network's registry ———

export async function coalitionsExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams,
	batchSize = BATCH_SIZE
) {
	const { base, key, direction } = await coalitionListQuery(db, actor, networkId, {
		q: text(p, 'q'),
		status: text(p, 'status'),
		phaseId: text(p, 'phase'),
		regionId: text(p, 'region'),
		sort: text(p, 'sort')
	});
	const op = direction === 'asc' ? '>' : '<';
	const rows = keysetBatches(async (after: CoalitionRow | null, size): Promise<CoalitionRow[]> => {
		let q = base
			.leftJoin('phase', 'phase.id', 'coalition.phase_id')
			.select([
				'coalition.id',
				'coalition.name',
				'coalition.name_search',
				'coalition.status',
				'coalition.place_id',
				'coalition.founded_year',
				'coalition.updated_at',
				'phase.number as phase_number'
			]);
		if (after) {
			// The page's order, as a keyset: (sort column, id). A missing founding year sorts as 0.
			q = q.where((eb) => {
				const column =
					key === 'updated'
						? eb.ref('coalition.updated_at')
						: key === 'founded'
							? eb.fn.coalesce('coalition.founded_year', eb.lit(0))
							: eb.ref('coalition.name_search');
				const value =
					key === 'updated'
						? after.updated_at
						: key === 'founded'
							? (after.founded_year ?? 0)
							: after.name_search;
				// The first condition is implied by the second; it lets a planner that chooses the
				// sort column's index start from it instead of sorting every row for each batch.
				return eb.and([
					eb(column, direction === 'asc' ? '>=' : '<=', value),
					eb.or([
						eb(column, op, value),
						eb.and([eb(column, '=', value), eb('coalition.id', '>', after.id)])
					])
				]);
			});
		}
		const order =
			key === 'updated'
				? ('coalition.updated_at' as const)
				: key === 'founded'
					? null
					: ('coalition.name_search' as const);
		q = order
			? q.orderBy(order, direction)
			: q.orderBy((eb) => eb.fn.coalesce('coalition.founded_year', eb.lit(0)), direction);
		return withPlaceLabels(db, networkId, await q.orderBy('coalition.id').limit(size).execute());
	}, batchSize);
	return rows;
}

export async function placesExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	const query = {
		q: text(p, 'q'),
		kind: text(p, 'kind'),
		within: text(p, 'within'),
		status: text(p, 'status'),
		sort: text(p, 'sort')
	};
	return allPages((page) => listPlacesFor(db, actor, networkId, { ...query, page }));
}

export async function phasesExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	const query = { q: text(p, 'q'), year: text(p, 'year'), sort: text(p, 'sort') };
	return allPages((page) => listPhasesFor(db, actor, networkId, { ...query, page }));
}

export async function partnersExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	const query = {
		q: text(p, 'q'),
		kind: text(p, 'kind'),
		role: text(p, 'role'),
		sort: text(p, 'sort')
	};
	return allPages((page) => listPartnersFor(db, actor, networkId, { ...query, page }));
}

// ——— A coalition's lists ———

/**
 * Members: those who may see the coalition's personal data get one row per membership (names
 * included); everyone else gets what their page shows, the active members per sector.
 */
export async function membersExport(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	p: URLSearchParams
) {
	const list = await listMembers(db, actor, coalitionId, { includeEnded: p.get('ended') === '1' });
	return list.people
		? { people: list.people, coverage: null }
		: { people: null, coverage: list.coverage.sectors };
}

export async function meetingsExport(db: Db, actor: Actor | null, coalitionId: string) {
	return allPages((page) => listMeetings(db, actor, coalitionId, { page }));
}

export async function activitiesExport(db: Db, actor: Actor | null, coalitionId: string) {
	return allPages(async (page) => {
		const list = await listActivities(db, actor, coalitionId, page);
		return { rows: list.activities, pages: list.pages };
	});
}

export async function communityChangesExport(db: Db, actor: Actor | null, coalitionId: string) {
	return (await listChanges(db, actor, coalitionId)).changes;
}

export async function agreementsExport(db: Db, actor: Actor | null, coalitionId: string) {
	return (await listAgreements(db, actor, coalitionId)).rows;
}

export async function contactsExport(db: Db, actor: Actor | null, coalitionId: string) {
	return (await listContacts(db, actor, coalitionId)).contacts.map((c) => ({
		...c,
		openFollowups: c.followups.filter((f) => f.status === 'open').length
	}));
}

/** One row per recorded value, under its indicator. */
export async function indicatorValuesExport(db: Db, actor: Actor | null, coalitionId: string) {
	const { indicators } = await coalitionIndicators(db, actor, coalitionId);
	return indicators.flatMap((i) => i.values.map((v) => ({ indicator: i, ...v })));
}

/**
 * The survey measures of one period, cell by cell, suppressed exactly as the page shows them to
 * this reader (a suppressed cell has no numbers).
 */
export async function coalitionMeasuresExport(
	db: Db,
	actor: Actor | null,
	coalitionId: string,
	p: URLSearchParams
) {
	const trends = await measureTrends(db, actor, coalitionId);
	const wanted = text(p, 'period');
	const period = trends.periods.includes(wanted) ? wanted : (trends.periods.at(-1) ?? null);
	if (!period) return [];
	const json = await measuresFor(db, actor, coalitionId, period, { json: true });
	return json.measures.map((m) => ({ period, ...m }));
}

// ——— Network-wide lists ———

export async function trainingsExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	const query = { q: text(p, 'q'), kind: text(p, 'kind'), year: text(p, 'year') };
	return allPages((page) => listTrainings(db, actor, networkId, { ...query, page }));
}

/** The attendees the reader may name (the page counts the others without names). */
export async function attendanceExport(db: Db, actor: Actor | null, trainingId: string) {
	const record = await trainingForEdit(db, actor, trainingId);
	return { training: record.training, attendees: record.attendees };
}

export async function indicatorsExport(db: Db, actor: Actor | null, networkId: string) {
	return (await listIndicators(db, actor, networkId)).indicators;
}

/** The network's measures by coalition or region, suppressed as the page shows them. */
export async function networkMeasuresExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	const by = p.get('by') === 'region' ? 'region' : 'coalition';
	const wanted = text(p, 'period');
	const first = /^\d{4}$/.test(wanted) ? wanted : String(new Date().getFullYear());
	let view = await networkMeasures(db, actor, networkId, first, { by });
	const latest = view.periods.at(-1);
	if (!view.periods.includes(view.period) && latest) {
		view = await networkMeasures(db, actor, networkId, latest, { by });
	}
	if (!view.periods.includes(view.period)) return [];
	// The page shows one measure for one substance at a time; so does its download.
	const measure = (MEASURES as readonly string[]).includes(text(p, 'measure'))
		? text(p, 'measure')
		: MEASURES[0];
	const substance = (SUBSTANCES as readonly string[]).includes(text(p, 'substance'))
		? text(p, 'substance')
		: SUBSTANCES[0];
	const indicator = `${measure}.${substance}` as IndicatorCode;
	const groups = [
		...view.groups.map((g) => ({ name: g.name, cells: g.cells })),
		{ name: null, cells: view.network }
	];
	return groups.flatMap((g) =>
		CELL_KEYS.filter((k) => g.cells[indicator]?.[k]).map((k) => {
			const cell = g.cells[indicator][k]!;
			const { grade, sex } = parseCellKey(k)!;
			return {
				period: view.period,
				group: g.name,
				indicator,
				grade,
				sex,
				numerator: cell.numerator,
				denominator: cell.denominator,
				percent: cell.percent,
				suppressed: cell.suppressed
			};
		})
	);
}

/** The inbox with the page's filters, oldest or newest first, read in keyset batches. */
export async function messagesExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	p: URLSearchParams
) {
	if (!actor?.grants.some((g) => g.networkId === networkId)) throw new NotFoundError('network');
	const access = inboxAccess(actor, networkId);
	if (access === 'none') return [] as MessageRow[];
	const status = text(p, 'status');
	const statuses: readonly MessageStatus[] =
		status === 'all'
			? MESSAGE_STATUSES
			: (MESSAGE_STATUSES as readonly string[]).includes(status)
				? [status as MessageStatus]
				: OPEN_STATUSES;
	const filter = {
		networkId,
		coalitionIds: access === 'all' ? null : await readableCoalitionIds(db, actor, networkId),
		statuses,
		assignedTo: p.get('mine') === 'on' ? actor.userId : null
	};
	const direction = p.get('sort') === 'oldest' ? 'asc' : 'desc';
	return keysetBatches<MessageRow>((after, size) =>
		listMessages(db, filter, { direction, limit: size, after })
	);
}

/** Administrators: every person with a role in the network, one row per role. */
export async function usersExport(db: Db, actor: Actor | null, networkId: string) {
	const { users } = await listUsers(db, actor, networkId);
	return users.flatMap((u) => u.grants.map((g) => ({ ...u, grant: g })));
}

/** Administrators: the network's change log, newest first, in keyset batches. */
export async function changesExport(
	db: Db,
	actor: Actor | null,
	networkId: string,
	batchSize = BATCH_SIZE
) {
	if (!isNetworkAdmin(actor, networkId)) throw new NotFoundError('network');
	return keysetBatches<ChangeRow>((after, size) => {
		let q = db
			.selectFrom('audit_event')
			.select(['id', 'created_at', 'actor_label', 'action', 'entity_type', 'entity_label'])
			.where('network_id', '=', networkId);
		if (after) {
			q = q.where((eb) =>
				eb.or([
					eb('created_at', '<', after.created_at),
					eb.and([eb('created_at', '=', after.created_at), eb('id', '<', after.id)])
				])
			);
		}
		return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(size).execute();
	}, batchSize);
}

/** The day a download is named after: the network's today. */
export const exportDay = () => todayInLima();
