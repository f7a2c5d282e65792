/**
 * The data generator: a whole network of any size with years of records in every table the app
 * reads, for benchmarks and for trying the app at scale. Deterministic for a seed: what is drawn
 * (how many of everything, which sector, which strategy) depends only on the seed, never on the
 * network's name or the day it runs. Rows go in as multi-row inserts in one transaction, so a
 * failed run leaves nothing behind, and without the audit trail a person's edits leave (one
 * audit event records the run instead).
 */
import { PARTNER_ROLES } from '$lib/domain/network';
import {
	MEETING_KINDS,
	PLANNING_PRODUCTS,
	SECTORS,
	SPF_STAGES,
	STRATEGIES,
	TRAINING_KINDS,
	type Sector,
	type Strategy
} from '$lib/domain/capacity';
import { ACTIVITY_KINDS, CHANGE_KINDS, type ChangeKind } from '$lib/domain/planning';
import { todayInLima } from '$lib/domain/dates';
import { INDICATOR_CODES, parseIndicatorCode } from '$lib/domain/survey/columns';
import { normalizeForSearch, slugify } from '$lib/domain/text';
import type { Db } from '../db';
import { prepareBulkLoad } from '../db/dialect';
import { findNetworkBySlug } from '../networks/queries';
import { seedCoreIndicators } from '../surveys/catalog';
import { coreIndicatorId } from '../surveys/queries';
import { BulkWriter, type GeneratedTable } from './bulk';
import { createRandom, hashSeed, type Random } from './random';
import * as W from './words';

export interface GenerateOptions {
	coalitions: number;
	/** slug of the new network; it must not exist yet */
	network?: string;
	/** how many years of records, ending at `until` */
	years?: number;
	seed?: number;
	/** the last day with records ('YYYY-MM-DD'); today in Lima when left out */
	until?: string;
	/** coalitions generated between two writes; bounds memory */
	chunk?: number;
	onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
	coalitions: number;
	of: number;
	rows: number;
	ms: number;
}

export interface GenerateResult {
	networkId: string;
	network: string;
	counts: Record<GeneratedTable, number>;
	rows: number;
	ms: number;
}

export class GenerateError extends Error {}

export const GENERATE_LIMITS = { coalitions: 100_000, years: 30 };

export function defaultNetworkSlug(coalitions: number, seed: number): string {
	return `generada-${coalitions}-s${seed}`;
}

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A record is entered on the afternoon of the day it describes. */
const stampOf = (day: number) => `${dateOf(day)}T20:00:00.000Z`;
const yearOf = (day: number) => Number(dateOf(day).slice(0, 4));

/** Where Peru is, roughly: generated places fall inside it. */
const LAT = [-17.5, -3.5];
const LON = [-80.5, -69.5];

interface PlannedCoalition {
	index: number;
	region: number;
	city: number;
	placeId: string;
	placeName: string;
	founded: number;
	phase: number;
}

interface Member {
	id: string;
	personId: string;
	start: number;
	end: number;
}

interface TrainingPlan {
	id: string;
	day: number;
	hours: number;
	region: number | null;
}

/** Rates of each core measure at the start; use falls a little each year where coalitions work. */
const BASE_RATE: Record<string, number> = {
	'past30_use.alcohol': 0.2,
	'past30_use.tobacco': 0.09,
	'past30_use.marijuana': 0.04,
	'past30_use.rx': 0.03,
	perceived_risk: 0.62,
	parental_disapproval: 0.86,
	peer_disapproval: 0.71
};

function rateOf(code: string): number {
	return BASE_RATE[code] ?? BASE_RATE[code.split('.')[0]];
}

export async function generateNetwork(db: Db, options: GenerateOptions): Promise<GenerateResult> {
	const started = performance.now();
	const seed = options.seed ?? 42;
	const years = options.years ?? 6;
	const total = options.coalitions;
	if (!Number.isInteger(total) || total < 1 || total > GENERATE_LIMITS.coalitions)
		throw new GenerateError(
			`coalitions must be a whole number from 1 to ${GENERATE_LIMITS.coalitions}`
		);
	if (!Number.isInteger(years) || years < 1 || years > GENERATE_LIMITS.years)
		throw new GenerateError(`years must be a whole number from 1 to ${GENERATE_LIMITS.years}`);
	const slug = options.network ?? defaultNetworkSlug(total, seed);
	if (slugify(slug) !== slug) throw new GenerateError(`not a valid network slug: "${slug}"`);
	const until = options.until ?? todayInLima();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(dayOf(until)))
		throw new GenerateError(`not a date: "${until}"`);
	const chunk = options.chunk ?? 250;

	// Two streams: what is drawn follows the seed alone; ids also follow the network, so two
	// networks generated with one seed never share a key.
	const rnd = createRandom(hashSeed('data', seed));
	const ids = createRandom(hashSeed('ids', seed, slug));
	const tag = slug.replace(/-/g, '').slice(-6).toUpperCase();

	const endDay = dayOf(until);
	const endYear = yearOf(endDay);
	const startYear = endYear - years + 1;
	const startDay = dayOf(`${startYear}-01-01`);
	const dayInYear = (year: number) => Math.min(endDay, dayOf(`${year}-01-01`) + rnd.int(0, 364));

	return db.transaction().execute(async (trx) => {
		await prepareBulkLoad(trx);
		if (await findNetworkBySlug(trx, slug))
			throw new GenerateError(
				`a network "${slug}" already exists; choose another --network or use a fresh database`
			);
		await seedCoreIndicators(trx);
		const out = new BulkWriter(trx);
		const now = new Date().toISOString();
		const networkId = ids.uuid();
		const report = (done: number) =>
			options.onProgress?.({
				coalitions: done,
				of: total,
				rows: out.written,
				ms: Math.round(performance.now() - started)
			});

		out.add('network', {
			id: networkId,
			slug,
			name_es: `Red generada de ${total} coaliciones`,
			name_en: `Generated network of ${total} coalitions`,
			country_code: 'PE',
			contact_email: null,
			summary_es: `Datos de prueba generados con la semilla ${seed}: ${years} años de registros.`,
			summary_en: `Test data generated with seed ${seed}: ${years} years of records.`,
			is_default: false,
			keep_raw_survey: false,
			suppression_min: 10,
			created_at: now,
			updated_at: now
		});

		// Places: program regions > cities > one community per coalition.
		const regionCount = Math.max(2, Math.min(W.REGION_WORDS.length * 3, Math.ceil(total / 700)));
		const cityCount = Math.max(regionCount, Math.ceil(total / 35));
		const place = (
			id: string,
			parentId: string | null,
			kind: string,
			name: string,
			sort: number,
			lat: number | null,
			lon: number | null
		) =>
			out.add('place', {
				id,
				network_id: networkId,
				parent_id: parentId,
				kind,
				name,
				name_en: null,
				aliases: '',
				name_search: normalizeForSearch(name),
				ubigeo: null,
				latitude: lat,
				longitude: lon,
				coords_approximate: lat !== null,
				sort_order: sort,
				note: null,
				archived_at: null,
				created_at: now,
				updated_at: now
			});
		const regions = Array.from({ length: regionCount }, (_, r) => {
			const word = W.REGION_WORDS[r % W.REGION_WORDS.length];
			const round = Math.floor(r / W.REGION_WORDS.length);
			const name = `Región ${word}${round ? ` ${round + 1}` : ''}`;
			const lat = LAT[0] + rnd.next() * (LAT[1] - LAT[0]);
			const lon = LON[0] + rnd.next() * (LON[1] - LON[0]);
			const id = ids.uuid();
			place(id, null, 'program_region', name, r, null, null);
			return { id, name, lat, lon, cities: [] as number[] };
		});
		const cities = Array.from({ length: cityCount }, (_, c) => {
			const region = c % regionCount;
			const r = regions[region];
			r.cities.push(c);
			const name = `${rnd.pick(W.PLACE_PREFIXES)} ${rnd.pick(W.PLACE_ROOTS)} ${c + 1}`;
			const lat = clamp(r.lat + (rnd.next() - 0.5) * 2, LAT[0], LAT[1]);
			const lon = clamp(r.lon + (rnd.next() - 0.5) * 2, LON[0], LON[1]);
			const id = ids.uuid();
			place(id, r.id, 'city', name, 0, round6(lat), round6(lon));
			return { id, name, region, lat, lon };
		});

		// The multiplier effect: each phase founds more coalitions than the one before.
		const phaseCount = Math.min(3, years);
		const phaseStart = Array.from(
			{ length: phaseCount },
			(_, k) => startYear + Math.floor((k * years) / phaseCount)
		);
		const shares = phaseCount === 3 ? [0.2, 0.35, 0.45] : phaseCount === 2 ? [0.4, 0.6] : [1];
		const planned: PlannedCoalition[] = [];
		for (let i = 0; i < total; i++) {
			const u = rnd.next();
			let phase = 0;
			let below = shares[0];
			while (phase < phaseCount - 1 && u >= below) below += shares[++phase];
			const firstDay = dayOf(`${phaseStart[phase]}-01-01`);
			const lastDay = phase + 1 < phaseCount ? dayOf(`${phaseStart[phase + 1]}-01-01`) - 1 : endDay;
			const city = rnd.int(0, cityCount - 1);
			planned.push({
				index: i,
				region: cities[city].region,
				city,
				placeId: '',
				placeName: '',
				founded: Math.min(endDay, firstDay + rnd.int(0, Math.max(0, lastDay - firstDay))),
				phase
			});
		}
		// Founding order, so a coalition can only have been seeded by one founded before it.
		planned.sort((a, b) => a.founded - b.founded || a.index - b.index);
		planned.forEach((p, i) => {
			p.index = i;
			const city = cities[p.city];
			p.placeId = ids.uuid();
			p.placeName = `${rnd.pick(W.COMMUNITY_KINDS)} ${rnd.pick(W.PLACE_ROOTS)}`;
			place(
				p.placeId,
				city.id,
				'community',
				p.placeName,
				0,
				round6(clamp(city.lat + (rnd.next() - 0.5) * 0.2, LAT[0], LAT[1])),
				round6(clamp(city.lon + (rnd.next() - 0.5) * 0.2, LON[0], LON[1]))
			);
		});

		// Partners: an international trainer and a funder for the whole network, a hub NGO per
		// region, local NGOs that each implement a few coalitions, and every city's municipality.
		const org = (name: string, short: string | null, kind: string) => {
			const id = ids.uuid();
			out.add('organization', {
				id,
				slug: `${slug}-${slugify(short ?? name)}`.slice(0, 120),
				name,
				short_name: short,
				name_search: normalizeForSearch(`${name} ${short ?? ''}`),
				kind,
				country_code: kind === 'international_trainer' || kind === 'funder' ? 'US' : 'PE',
				website: null,
				description_es: null,
				description_en: null,
				created_at: now,
				updated_at: now
			});
			return id;
		};
		const trainer = org('Instituto Internacional de Coaliciones', 'IIC', 'international_trainer');
		const funder = org('Fondo de Cooperación para la Prevención', 'FCP', 'funder');
		const hubs = regions.map((r, i) =>
			org(`Centro de Apoyo ${r.name}`, `CA${i + 1}`, 'national_ngo')
		);
		const localCount = Math.max(1, Math.ceil(total / 40));
		const locals = Array.from({ length: localCount }, (_, i) =>
			org(
				`${rnd.pick(W.ORGANIZATION_NAMES)} ${rnd.pick(W.ORGANIZATION_TOPICS)} ${i + 1}`,
				`ONG${i + 1}`,
				rnd.chance(0.7) ? 'national_ngo' : 'community_group'
			)
		);
		const municipalities = cities.map((c, i) =>
			org(`Municipalidad de ${c.name}`, `MUN${i + 1}`, 'local_government')
		);

		const phaseIds = phaseStart.map((year, k) => {
			const id = ids.uuid();
			const count = planned.filter((p) => p.phase === k).length;
			out.add('phase', {
				id,
				network_id: networkId,
				number: k + 1,
				name_es: `Fase ${k + 1}`,
				name_en: `Phase ${k + 1}`,
				start_year: year,
				end_year: k + 1 < phaseCount ? phaseStart[k + 1] - 1 : null,
				summary_es: null,
				summary_en: null,
				created_at: now,
				updated_at: now
			});
			out.add('phase_goal', {
				id: ids.uuid(),
				phase_id: id,
				metric: 'coalitions',
				// Goals are round numbers; what gets recorded rarely matches them exactly.
				target: Math.max(1, Math.round((count * (0.9 + rnd.next() * 0.2)) / 10) * 10),
				by_year: k + 1 < phaseCount ? phaseStart[k + 1] - 1 : endYear,
				source_text: null,
				sort_order: 0
			});
			const targeted = new Set(planned.filter((p) => p.phase === k).map((p) => p.region));
			for (const r of [...targeted].sort((a, b) => a - b))
				out.add('phase_place', { phase_id: id, place_id: regions[r].id });
			return id;
		});
		const role = (
			organizationId: string,
			roleName: (typeof PARTNER_ROLES)[number],
			phaseId: string | null,
			coalitionId: string | null
		) =>
			out.add('partner_role', {
				id: ids.uuid(),
				organization_id: organizationId,
				network_id: networkId,
				phase_id: phaseId,
				coalition_id: coalitionId,
				role: roleName,
				note_es: null,
				note_en: null,
				created_at: now
			});
		for (const phaseId of phaseIds) {
			role(trainer, 'training_ta', phaseId, null);
			role(funder, 'funding', phaseId, null);
		}

		// The network's own indicators, with yearly values per region.
		const customIndicators = [
			{ code: 'custom.venta-alcohol-menores', name: 'Bodegas que venden alcohol a menores' },
			{ code: 'custom.espacios-recuperados', name: 'Espacios públicos recuperados' }
		].map((c) => {
			const id = ids.uuid();
			out.add('indicator', {
				id,
				network_id: networkId,
				code: c.code,
				kind: 'custom',
				measure: null,
				substance: null,
				name_es: c.name,
				name_en: null,
				unit: 'count',
				numerator_es: null,
				numerator_en: null,
				denominator_es: null,
				denominator_en: null,
				source: 'Registro de la red',
				archived_at: null,
				created_at: now,
				updated_at: now
			});
			return id;
		});
		for (const r of regions) {
			for (let year = startYear; year <= endYear; year++) {
				for (const indicatorId of customIndicators) {
					out.add('indicator_value', {
						id: ids.uuid(),
						indicator_id: indicatorId,
						coalition_id: null,
						place_id: r.id,
						period: String(year),
						cell: 'all',
						numerator: rnd.int(0, 60),
						denominator: null,
						source: 'Registro de la red',
						notes: null,
						survey_upload_id: null,
						created_at: now,
						updated_at: now
					});
				}
			}
		}

		// Training events of the whole network, year by year; coalitions send members to them.
		const trainings: TrainingPlan[] = [];
		for (let year = startYear; year <= endYear; year++) {
			const events: { kind: (typeof TRAINING_KINDS)[number]; region: number | null }[] = [
				{ kind: 'national_institute', region: null },
				{ kind: 'international_institute', region: null },
				{ kind: 'webinar', region: null },
				{ kind: 'webinar', region: null },
				...regions.flatMap((_, r) => [
					{ kind: 'local_workshop' as const, region: r },
					{ kind: 'local_workshop' as const, region: r },
					{ kind: 'site_visit' as const, region: r }
				])
			];
			for (const e of events) {
				const day = dayInYear(year);
				if (day < startDay) continue;
				const hours = e.kind === 'webinar' ? 2 : e.kind === 'site_visit' ? 4 : rnd.int(8, 32);
				const days = e.kind.endsWith('institute') ? rnd.int(2, 5) : 0;
				const title = `${TRAINING_TITLE[e.kind]} ${year}${e.region === null ? '' : ` · ${regions[e.region].name}`}`;
				const id = ids.uuid();
				out.add('training_event', {
					id,
					network_id: networkId,
					title,
					title_search: normalizeForSearch(title),
					kind: e.kind,
					starts_on: dateOf(day),
					ends_on: days ? dateOf(day + days) : null,
					place: e.region === null ? null : regions[e.region].name,
					organizer_id: e.region === null ? trainer : hubs[e.region],
					topics: rnd.sample(TOPIC_CODES, rnd.int(1, 3)).join('|'),
					hours,
					description: null,
					created_at: stampOf(day),
					updated_at: stampOf(day)
				});
				trainings.push({ id, day, hours, region: e.region });
			}
		}
		await out.flush();
		report(0);

		// Coalitions and everything each one records, a chunk at a time.
		const byRegion = regions.map(() => [] as string[]);
		const coalitionIds: string[] = [];
		let certificate = 0;
		let storyNumber = 0;
		const seenNames = new Set<string>();
		const storied = new Set<number>();
		for (const p of planned) {
			const id = ids.uuid();
			coalitionIds.push(id);
			const city = cities[p.city];
			let name = `Coalición ${p.placeName}`;
			if (seenNames.has(name)) name = `${name} (${city.name})`;
			if (seenNames.has(name)) name = `${name} ${p.index + 1}`;
			seenNames.add(name);
			const age = (endDay - p.founded) / 365;
			const status =
				age < 1 && rnd.chance(0.5)
					? 'forming'
					: rnd.chance(0.85)
						? 'active'
						: rnd.chance(0.7)
							? 'inactive'
							: 'archived';
			const lastDay =
				status === 'active' || status === 'forming'
					? endDay
					: Math.max(p.founded, endDay - rnd.int(30, 700));
			const stage = Math.min(
				SPF_STAGES.length - 1,
				Math.max(0, Math.floor(age * 1.3) + rnd.int(-1, 0))
			);
			// Lineage: a region's first coalitions are started by its hub; later ones mostly by a
			// coalition founded before them nearby.
			const earlier = byRegion[p.region];
			const seededByCoalition = earlier.length >= 3 && rnd.chance(0.65) ? rnd.pick(earlier) : null;
			out.add('coalition', {
				id,
				network_id: networkId,
				place_id: p.placeId,
				phase_id: phaseIds[p.phase],
				phase_inferred: false,
				phase_note_es: null,
				phase_note_en: null,
				name,
				name_search: normalizeForSearch(name),
				slug: `${slug}-${slugify(p.placeName)}-${p.index + 1}`,
				founded_year: yearOf(p.founded),
				status,
				seeded_by_coalition_id: seededByCoalition,
				seeded_by_organization_id: seededByCoalition ? null : hubs[p.region],
				description_es: `Coalición comunitaria de ${p.placeName}, en ${city.name}.`,
				description_en: null,
				spf_stage: SPF_STAGES[stage],
				created_at: stampOf(p.founded),
				updated_at: stampOf(lastDay)
			});
			earlier.push(id);
			role(hubs[p.region], 'training_ta', null, id);
			role(locals[p.index % localCount], 'implementation', null, id);
			role(municipalities[p.city], 'local_government', null, id);

			const span = Math.max(1, lastDay - p.founded);
			const when = (from = p.founded, to = lastDay) => from + rnd.int(0, Math.max(0, to - from));

			// Members by sector: every coalition reaches several sectors; youth may be minors.
			const memberCount = rnd.int(8, 28);
			const sectors: Sector[] = [
				...rnd.sample(SECTORS, Math.min(memberCount, rnd.int(5, 9))),
				...Array.from({ length: memberCount }, () => rnd.pick(SECTORS))
			].slice(0, memberCount);
			const members: Member[] = sectors.map((sector, m) => {
				const personId = ids.uuid();
				const female = rnd.chance(0.55);
				const first = rnd.pick(female ? W.FIRST_NAMES_F : W.FIRST_NAMES_M);
				const last = `${rnd.pick(W.LAST_NAMES)} ${rnd.pick(W.LAST_NAMES)}`;
				const ageGroup =
					sector === 'youth'
						? rnd.pick(['under_15', '15_17', '15_17', '18_29'] as const)
						: rnd.pick(['18_29', '30_59', '30_59', '60_plus'] as const);
				const minor = ageGroup === 'under_15' || ageGroup === '15_17';
				const consent = minor && rnd.chance(0.6);
				const start = m < 4 ? p.founded : when(p.founded, p.founded + Math.floor(span * 0.6));
				const joinedDay = stampOf(start);
				// A minor without a guardian's consent is kept as a first name and an age group.
				const full = !minor || consent;
				out.add('person', {
					id: personId,
					network_id: networkId,
					first_name: first,
					last_name: full ? last : null,
					name_search: normalizeForSearch(full ? `${first} ${last}` : first),
					email:
						!minor && rnd.chance(0.4)
							? `${slugify(first)}.${slugify(last.split(' ')[0])}.${certificate + m}@example.org`
							: null,
					phone: !minor && rnd.chance(0.3) ? `9${rnd.int(10_000_000, 99_999_999)}` : null,
					gender: full ? (female ? 'female' : 'male') : null,
					birth_year: null,
					age_group: ageGroup,
					erased_at: null,
					created_at: joinedDay,
					updated_at: joinedDay
				});
				if (consent) {
					out.add('guardian_consent', {
						id: ids.uuid(),
						person_id: personId,
						guardian_name: `${rnd.pick(W.FIRST_NAMES_F)} ${last}`,
						relationship: rnd.pick(['madre', 'padre', 'tutora', 'abuela']),
						method: rnd.pick(['written', 'verbal_witnessed', 'digital']),
						consented_on: dateOf(start),
						document_ref: null,
						recorded_by: 'generator',
						revoked_at: null,
						created_at: joinedDay
					});
				}
				const ended = m >= 4 && rnd.chance(0.15) ? when(start, lastDay) : null;
				const membershipId = ids.uuid();
				out.add('membership', {
					id: membershipId,
					coalition_id: id,
					person_id: personId,
					role:
						m === 0
							? 'chair'
							: m === 1
								? 'coordinator'
								: sector === 'youth' && minor
									? 'youth_member'
									: 'member',
					sector,
					organization_name: null,
					started_on: dateOf(start),
					ended_on: ended === null ? null : dateOf(ended),
					created_at: joinedDay,
					updated_at: joinedDay
				});
				return { id: membershipId, personId, start, end: ended ?? lastDay };
			});
			const activeOn = (day: number) => members.filter((m) => m.start <= day && day <= m.end);

			// Meetings, every other month or so, with the members who came.
			const meetingCount = Math.max(1, Math.round((span / 365) * rnd.int(3, 6)));
			for (let k = 0; k < meetingCount; k++) {
				const day = when();
				const meetingId = ids.uuid();
				out.add('meeting', {
					id: meetingId,
					coalition_id: id,
					held_on: dateOf(day),
					kind: rnd.chance(0.7) ? 'coalition' : rnd.pick(MEETING_KINDS),
					title: rnd.pick(W.MEETING_TITLES),
					guests_count: rnd.int(0, 6),
					decisions: null,
					created_at: stampOf(day),
					updated_at: stampOf(day)
				});
				const present = activeOn(day);
				for (const m of rnd.sample(present, Math.ceil(present.length * (0.4 + rnd.next() * 0.4))))
					out.add('meeting_attendance', { meeting_id: meetingId, membership_id: m.id });
			}

			// Trainings: a few members go to one or two events a year.
			const open = trainings.filter(
				(t) =>
					t.day >= p.founded && t.day <= lastDay && (t.region === null || t.region === p.region)
			);
			const attended = new Set<string>();
			for (const t of rnd.sample(open, Math.round((span / 365) * rnd.int(1, 2)))) {
				for (const m of rnd.sample(activeOn(t.day), rnd.int(1, 3))) {
					if (attended.has(`${t.id}|${m.personId}`)) continue;
					attended.add(`${t.id}|${m.personId}`);
					certificate++;
					out.add('training_attendance', {
						id: ids.uuid(),
						event_id: t.id,
						person_id: m.personId,
						coalition_id: id,
						hours: rnd.chance(0.1) ? Math.max(1, t.hours - 2) : null,
						certificate_code: `${yearOf(t.day)}-${tag}-${certificate.toString(36).toUpperCase().padStart(6, '0')}`,
						created_at: stampOf(t.day)
					});
				}
			}

			// Technical assistance from the hub (or the trainer), with follow-ups.
			const taCount = Math.max(1, Math.round((span / 365) * rnd.int(1, 4)));
			for (let k = 0; k < taCount; k++) {
				const day = when();
				const contactId = ids.uuid();
				out.add('ta_contact', {
					id: contactId,
					coalition_id: id,
					contact_on: dateOf(day),
					provider_id: rnd.chance(0.8) ? hubs[p.region] : trainer,
					provider_person: null,
					mode: rnd.chance(0.6) ? 'in_person' : 'remote',
					hours: rnd.int(1, 8) / 2,
					topic: rnd.pick(W.TA_TOPICS),
					summary: null,
					created_at: stampOf(day),
					updated_at: stampOf(day)
				});
				if (rnd.chance(0.3)) {
					const due = day + rnd.int(14, 60);
					const status = due > endDay ? 'open' : rnd.chance(0.8) ? 'done' : 'dropped';
					out.add('ta_followup', {
						id: ids.uuid(),
						contact_id: contactId,
						action: 'Enviar el borrador revisado',
						due_on: dateOf(due),
						owner: null,
						status,
						done_on: status === 'done' ? dateOf(Math.min(due, endDay)) : null,
						created_at: stampOf(day),
						updated_at: stampOf(day)
					});
				}
			}

			// The five planning products, as far as the coalition's stage has taken it.
			PLANNING_PRODUCTS.forEach((product, k) => {
				const state =
					k < stage
						? 'approved'
						: k === stage
							? rnd.pick(['draft', 'submitted'] as const)
							: 'not_started';
				const begun = state === 'not_started' ? null : Math.min(lastDay, p.founded + k * 200);
				out.add('planning_product', {
					id: ids.uuid(),
					coalition_id: id,
					product,
					status: state,
					document_url: null,
					started_on: begun === null ? null : dateOf(begun),
					submitted_on: state === 'submitted' || state === 'approved' ? dateOf(begun!) : null,
					approved_on: state === 'approved' ? dateOf(Math.min(lastDay, begun! + 60)) : null,
					created_at: stampOf(begun ?? p.founded),
					updated_at: stampOf(begun ?? p.founded)
				});
			});

			// The youth survey every other year, stored as counts per cell like an upload.
			if (rnd.chance(0.7)) {
				let first: { numerator: number; denominator: number } | null = null;
				for (let year = yearOf(p.founded) + 1; year <= yearOf(lastDay); year += 2) {
					const day = Math.min(lastDay, dayOf(`${year}-06-01`) + rnd.int(0, 120));
					const uploadId = ids.uuid();
					const respondents = rnd.int(30, 400);
					out.add('survey_upload', {
						id: uploadId,
						coalition_id: id,
						period: String(year),
						file_hash: ids.uuid().replace(/-/g, '') + ids.uuid().replace(/-/g, ''),
						file_name: `encuesta-${year}.csv`,
						rows_total: respondents,
						rows_with_problems: rnd.int(0, Math.ceil(respondents / 20)),
						raw_kept: false,
						uploaded_by: 'generator',
						created_at: stampOf(day)
					});
					const female = Math.round(respondents * (0.45 + rnd.next() * 0.1));
					const unknown = rnd.int(0, 3);
					const male = Math.max(0, respondents - female - unknown);
					const trend = 1 - 0.04 * (year - yearOf(p.founded));
					for (const code of INDICATOR_CODES) {
						const { measure } = parseIndicatorCode(code)!;
						const rate = measure === 'past30_use' ? rateOf(code) * trend : rateOf(code);
						const count = (n: number) => {
							const answered = n - Math.round(n * rnd.next() * 0.04);
							const share = clamp(rate + (rnd.next() - 0.5) * 0.1, 0, 1);
							return { numerator: Math.round(answered * share), denominator: answered };
						};
						const f = count(female);
						const m = count(male);
						const rest = count(unknown);
						const all = {
							numerator: f.numerator + m.numerator + rest.numerator,
							denominator: f.denominator + m.denominator + rest.denominator
						};
						if (code === 'past30_use.alcohol' && !first) first = all;
						for (const [cell, c] of [
							['all', all],
							['sex:F', f],
							['sex:M', m]
						] as const) {
							out.add('indicator_value', {
								id: ids.uuid(),
								indicator_id: coreIndicatorId(code),
								coalition_id: id,
								place_id: null,
								period: String(year),
								cell,
								numerator: c.numerator,
								denominator: c.denominator,
								source: 'Encuesta escolar',
								notes: null,
								survey_upload_id: uploadId,
								created_at: stampOf(day),
								updated_at: stampOf(day)
							});
						}
					}
				}
				if (first && first.denominator > 0) {
					const baseline = round1((100 * first.numerator) / first.denominator);
					out.add('indicator_target', {
						id: ids.uuid(),
						indicator_id: coreIndicatorId('past30_use.alcohol'),
						coalition_id: id,
						baseline_value: baseline,
						baseline_period: String(yearOf(p.founded) + 1),
						target_value: round1(baseline * 0.8),
						target_period: String(endYear + 2),
						created_at: now,
						updated_at: now
					});
				}
			}

			// From the planning stage on: an approved logic model, its tasks, years of activities
			// and the community changes they brought.
			const model = stage >= 2 ? buildModel(rnd, ids) : null;
			const approved = Math.min(lastDay, p.founded + rnd.int(200, 500));
			const strategiesUsed: Strategy[] = [];
			const tasks: { id: string; strategy: Strategy; due: number }[] = [];
			const conditionIds: string[] = [];
			if (model) {
				const modelId = ids.uuid();
				out.add('logic_model', {
					id: modelId,
					coalition_id: id,
					version: 1,
					status: 'approved',
					title: `Modelo lógico ${yearOf(approved)}`,
					approved_on: dateOf(approved),
					created_at: stampOf(approved),
					updated_at: stampOf(approved)
				});
				model.forEach((item, k) => {
					out.add('logic_model_item', {
						id: item.id,
						model_id: modelId,
						kind: item.kind,
						parent_id: item.parentId,
						origin_item_id: null,
						text_es: item.text,
						text_en: null,
						strategy_code: item.strategy,
						outcome_term: item.term,
						indicator_id: item.term ? coreIndicatorId('past30_use.alcohol') : null,
						baseline_value: null,
						target_value: null,
						sort_order: k,
						created_at: stampOf(approved),
						updated_at: stampOf(approved)
					});
					if (item.kind === 'local_condition') conditionIds.push(item.id);
					if (item.strategy) {
						strategiesUsed.push(item.strategy);
						for (let t = rnd.int(1, 2); t > 0; t--) {
							const due = approved + rnd.int(30, 400);
							const taskId = ids.uuid();
							tasks.push({ id: taskId, strategy: item.strategy, due });
							out.add('action_task', {
								id: taskId,
								coalition_id: id,
								model_item_id: item.id,
								title: rnd.pick(W.TASK_TITLES),
								owner: null,
								due_on: dateOf(due),
								status:
									due <= endDay
										? rnd.chance(0.8)
											? 'done'
											: 'dropped'
										: rnd.pick(['todo', 'doing'] as const),
								resources: null,
								process_measure: null,
								created_at: stampOf(approved),
								updated_at: stampOf(approved)
							});
						}
					}
				});
			}
			const activityFrom = model ? approved : Math.min(lastDay, p.founded + 90);
			const activityYears = Math.max(0, (lastDay - activityFrom) / 365);
			const activityCount = Math.round(activityYears * (model ? rnd.int(15, 30) : rnd.int(4, 10)));
			for (let k = 0; k < activityCount; k++) {
				const day = when(activityFrom, lastDay);
				const task = tasks.length && rnd.chance(0.7) ? rnd.pick(tasks) : null;
				const youthF = rnd.int(0, 40);
				const youthM = rnd.int(0, 40);
				const adultF = rnd.int(0, 25);
				const adultM = rnd.int(0, 25);
				out.add('activity', {
					id: ids.uuid(),
					coalition_id: id,
					happened_on: dateOf(day),
					description: rnd.pick(W.ACTIVITY_TEXTS),
					task_id: task?.id ?? null,
					strategy_code:
						task?.strategy ??
						(strategiesUsed.length ? rnd.pick(strategiesUsed) : rnd.pick(STRATEGIES)),
					kind: rnd.pick(ACTIVITY_KINDS),
					reached_youth_f: youthF,
					reached_youth_m: youthM,
					reached_adult_f: adultF,
					reached_adult_m: adultM,
					reached_total: youthF + youthM + adultF + adultM,
					sectors: rnd.sample(SECTORS, rnd.int(1, 3)).join('|'),
					volunteers: rnd.int(1, 15),
					volunteer_hours: rnd.int(2, 60),
					media_coverage: null,
					resources: null,
					in_kind_value: rnd.chance(0.2) ? rnd.int(50, 2000) : null,
					client_draft_id: null,
					created_by: null,
					created_at: stampOf(day),
					updated_at: stampOf(day)
				});
			}
			if (model) {
				const changeCount = Math.round(activityYears * rnd.next() * 1.5);
				for (let k = 0; k < changeCount; k++) {
					const day = when(approved, lastDay);
					const kind: ChangeKind = rnd.pick(CHANGE_KINDS);
					out.add('community_change', {
						id: ids.uuid(),
						coalition_id: id,
						kind,
						title: rnd.pick(W.CHANGE_TITLES[kind]),
						description: null,
						sector: rnd.chance(0.8) ? rnd.pick(SECTORS) : null,
						local_condition_item_id:
							conditionIds.length && rnd.chance(0.6) ? rnd.pick(conditionIds) : null,
						happened_on: dateOf(day),
						evidence: null,
						status: rnd.pick(['proposed', 'adopted', 'adopted', 'enforced'] as const),
						created_at: stampOf(day),
						updated_at: stampOf(day)
					});
				}
				// Each region's hub tells the story of its first coalition with a plan; others now and then.
				if (!storied.has(p.region) || rnd.chance(0.25)) {
					storied.add(p.region);
					const day = when(approved, lastDay);
					const status = rnd.pick(['published', 'published', 'in_review', 'draft'] as const);
					const title = rnd.pick(W.STORY_TITLES);
					out.add('story', {
						id: ids.uuid(),
						network_id: networkId,
						coalition_id: id,
						slug: `${slug}-historia-${++storyNumber}`,
						title_es: title,
						title_en: null,
						summary_es: `${name} cuenta cómo lo logró.`,
						summary_en: null,
						body_es: `${title}. ${rnd.pick(W.ACTIVITY_TEXTS)}.`,
						body_en: null,
						status,
						published_at: status === 'published' ? stampOf(day) : null,
						created_at: stampOf(day),
						updated_at: stampOf(day)
					});
				}
			}

			if ((p.index + 1) % chunk === 0 || p.index + 1 === total) {
				await out.flush();
				report(p.index + 1);
			}
		}

		const ms = Math.round(performance.now() - started);
		out.add('audit_event', {
			id: ids.uuid(),
			network_id: networkId,
			actor_user_id: null,
			actor_label: 'system',
			entity_type: 'network',
			entity_id: networkId,
			entity_label: slug,
			// One record for the whole run: what was asked for, so it can be made again.
			action: 'create',
			before_json: null,
			after_json: JSON.stringify({ generated: true, coalitions: total, years, seed, until }),
			created_at: now
		});
		await out.flush();
		return { networkId, network: slug, counts: { ...out.counts }, rows: out.written, ms };
	});
}

const TRAINING_TITLE: Record<(typeof TRAINING_KINDS)[number], string> = {
	local_workshop: 'Taller local de coaliciones',
	national_institute: 'Instituto Nacional de Coaliciones',
	international_institute: 'Instituto Internacional de Medio Año',
	webinar: 'Seminario en línea',
	site_visit: 'Visita de acompañamiento'
};

const TOPIC_CODES = [...SPF_STAGES, 'sustainability', 'cultural_competence', ...STRATEGIES];

interface ModelItem {
	id: string;
	kind: 'problem' | 'root_cause' | 'local_condition' | 'strategy' | 'activity' | 'outcome';
	parentId: string | null;
	text: string;
	strategy: Strategy | null;
	term: 'short' | 'intermediate' | 'long' | null;
}

/** A logic model's chain, parents before children: problem → causes → conditions → strategies. */
function buildModel(rnd: Random, ids: Random): ModelItem[] {
	const items: ModelItem[] = [];
	const add = (
		kind: ModelItem['kind'],
		parentId: string | null,
		text: string,
		strategy: Strategy | null = null,
		term: ModelItem['term'] = null
	) => {
		const item = { id: ids.uuid(), kind, parentId, text, strategy, term };
		items.push(item);
		return item.id;
	};
	const problem = add('problem', null, rnd.pick(W.PROBLEMS));
	for (const cause of rnd.sample(W.ROOT_CAUSES, 2)) {
		const causeId = add('root_cause', problem, cause);
		for (const condition of rnd.sample(W.LOCAL_CONDITIONS, rnd.int(1, 2))) {
			const conditionId = add('local_condition', causeId, condition);
			for (const strategy of rnd.sample(STRATEGIES, rnd.int(1, 2))) {
				const strategyId = add('strategy', conditionId, STRATEGY_TEXT[strategy], strategy);
				if (rnd.chance(0.5)) add('activity', strategyId, rnd.pick(W.ACTIVITY_TEXTS));
				add(
					'outcome',
					strategyId,
					rnd.pick(W.OUTCOMES),
					null,
					rnd.pick(['short', 'intermediate', 'long'] as const)
				);
			}
		}
	}
	return items;
}

const STRATEGY_TEXT: Record<Strategy, string> = {
	provide_information: 'Informar a la comunidad',
	enhance_skills: 'Desarrollar habilidades',
	provide_support: 'Dar apoyo y alternativas',
	access_barriers: 'Reducir el acceso',
	change_consequences: 'Cambiar las consecuencias',
	change_physical_design: 'Cambiar el entorno físico',
	modify_policies: 'Cambiar normas y políticas'
};

function clamp(x: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, x));
}

function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

function round1(x: number): number {
	return Math.round(x * 10) / 10;
}
