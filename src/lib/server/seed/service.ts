import { fillTemplate } from '$lib/domain/coalitions';
import type { Locale } from '$lib/domain/network';
import { normalizeForSearch } from '$lib/domain/text';
import type { Db } from '../db';
import { freeCoalitionSlug } from '../coalitions/service';
import { insertCoalition } from '../coalitions/queries';
import { newId, nowIso } from '../ids';
import { countNetworks, findNetworkBySlug } from '../networks/queries';
import { insertPlace } from '../places/queries';
import { seedCoreIndicators } from '../surveys/catalog';
import { peru } from './peru';
import type { SeedLineage, SeedNetwork, SeedPlace } from './types';

export function aliasesText(names: string[]): string {
	return [...new Set(names.map(normalizeForSearch).filter(Boolean))].join('|');
}

export interface SeedResult {
	network: string;
	created: boolean;
	places: number;
	coalitions: number;
}

/**
 * Loads a network from a seed. Does nothing when a network with the same slug exists, so it is
 * safe to call on every start.
 */
export async function seedNetwork(db: Db, seed: SeedNetwork): Promise<SeedResult> {
	return db.transaction().execute(async (trx) => {
		if (await findNetworkBySlug(trx, seed.slug)) {
			return { network: seed.slug, created: false, places: 0, coalitions: 0 };
		}
		const now = nowIso();
		const networkId = newId();
		const isFirst = (await countNetworks(trx)) === 0;
		await trx
			.insertInto('network')
			.values({
				id: networkId,
				slug: seed.slug,
				name_es: seed.nameEs,
				name_en: seed.nameEn,
				country_code: seed.countryCode,
				contact_email: seed.contactEmail ?? null,
				summary_es: seed.summaryEs,
				summary_en: seed.summaryEn,
				is_default: isFirst,
				created_at: now,
				updated_at: now
			})
			.execute();

		const orgIds = new Map<string, string>();
		for (const org of seed.organizations) {
			const existing = await trx
				.selectFrom('organization')
				.select('id')
				.where('slug', '=', org.slug)
				.executeTakeFirst();
			const id = existing?.id ?? newId();
			if (!existing) {
				await trx
					.insertInto('organization')
					.values({
						id,
						slug: org.slug,
						name: org.name,
						short_name: org.shortName,
						name_search: normalizeForSearch(`${org.name} ${org.shortName}`),
						kind: org.kind,
						country_code: org.countryCode ?? null,
						website: org.website ?? null,
						description_es: org.descriptionEs,
						description_en: org.descriptionEn,
						created_at: now,
						updated_at: now
					})
					.execute();
			}
			orgIds.set(org.slug, id);
		}

		const phaseIds = new Map<number, string>();
		for (const phase of seed.phases) {
			const id = newId();
			phaseIds.set(phase.number, id);
			await trx
				.insertInto('phase')
				.values({
					id,
					network_id: networkId,
					number: phase.number,
					name_es: phase.nameEs,
					name_en: phase.nameEn,
					start_year: phase.startYear,
					end_year: phase.endYear ?? null,
					summary_es: phase.summaryEs,
					summary_en: phase.summaryEn,
					created_at: now,
					updated_at: now
				})
				.execute();
			for (const [i, goal] of phase.goals.entries()) {
				await trx
					.insertInto('phase_goal')
					.values({
						id: newId(),
						phase_id: id,
						metric: goal.metric,
						target: goal.target,
						by_year: goal.byYear ?? null,
						source_text: goal.sourceText,
						sort_order: i
					})
					.execute();
			}
			for (const partner of phase.partners) {
				const organizationId = orgIds.get(partner.organization);
				if (!organizationId) throw new Error(`Seed: unknown organization ${partner.organization}`);
				await trx
					.insertInto('partner_role')
					.values({
						id: newId(),
						organization_id: organizationId,
						network_id: networkId,
						phase_id: id,
						coalition_id: null,
						role: partner.role,
						note_es: partner.noteEs ?? null,
						note_en: partner.noteEn ?? null,
						created_at: now
					})
					.execute();
			}
		}

		const placeIdsByName = new Map<string, string>();
		let places = 0;
		let coalitions = 0;

		const addPlace = async (
			place: SeedPlace,
			parentId: string | null,
			path: SeedPlace[],
			lineage: SeedLineage,
			order: number
		): Promise<void> => {
			const id = newId();
			places++;
			await insertPlace(trx, {
				id,
				network_id: networkId,
				parent_id: parentId,
				kind: place.kind,
				name: place.name,
				name_en: place.nameEn ?? null,
				aliases: aliasesText(place.aliases ?? []),
				name_search: normalizeForSearch(`${place.name} ${place.nameEn ?? ''}`),
				ubigeo: place.ubigeo ?? null,
				latitude: place.lat ?? null,
				longitude: place.lon ?? null,
				coords_approximate: place.approximate ?? false,
				sort_order: order,
				note: place.note ?? null,
				archived_at: null,
				created_at: now,
				updated_at: now
			});
			if (!placeIdsByName.has(place.name)) placeIdsByName.set(place.name, id);
			const inherited: SeedLineage = {
				...lineage,
				...Object.fromEntries(
					Object.entries({
						phase: place.phase,
						phaseInferred: place.phaseInferred,
						phaseNoteEs: place.phaseNoteEs,
						phaseNoteEn: place.phaseNoteEn,
						seededBy: place.seededBy
					}).filter(([, v]) => v !== undefined)
				)
			};
			if (place.coalition) {
				const opts = place.coalition === true ? {} : place.coalition;
				const names = path.filter((p) => p.kind !== 'program_region').map((p) => p.name);
				const region = path.find((p) => p.kind === 'program_region');
				const where = (locale: Locale) =>
					fillTemplate(seed.coalitionDescription[locale], {
						name: place.name,
						place: names.slice(0, -1).reverse().join(', ') || place.name,
						region: (locale === 'en' ? region?.nameEn : undefined) ?? region?.name ?? ''
					});
				await insertCoalition(trx, {
					id: newId(),
					network_id: networkId,
					place_id: id,
					phase_id: inherited.phase ? (phaseIds.get(inherited.phase) ?? null) : null,
					phase_inferred: inherited.phaseInferred ?? false,
					phase_note_es: inherited.phaseNoteEs ?? null,
					phase_note_en: inherited.phaseNoteEn ?? null,
					name: place.name,
					name_search: normalizeForSearch(place.name),
					slug: await freeCoalitionSlug(trx, place.name, names),
					founded_year: opts.foundedYear ?? null,
					status: opts.status ?? 'active',
					seeded_by_coalition_id: null,
					seeded_by_organization_id: inherited.seededBy
						? (orgIds.get(inherited.seededBy) ?? null)
						: null,
					description_es: where('es'),
					description_en: where('en'),
					created_at: now,
					updated_at: now
				});
				coalitions++;
			}
			for (const [i, child] of (place.children ?? []).entries()) {
				await addPlace(child, id, [...path, child], inherited, i);
			}
		};
		for (const [i, place] of seed.places.entries()) await addPlace(place, null, [place], {}, i);

		for (const phase of seed.phases) {
			for (const name of phase.targetPlaces) {
				const placeId = placeIdsByName.get(name);
				if (!placeId) throw new Error(`Seed: phase ${phase.number} targets unknown place ${name}`);
				await trx
					.insertInto('phase_place')
					.values({ phase_id: phaseIds.get(phase.number)!, place_id: placeId })
					.execute();
			}
		}
		for (const story of seed.stories) {
			const coalition = story.coalition
				? await trx
						.selectFrom('coalition')
						.select('id')
						.where('network_id', '=', networkId)
						.where('name', '=', story.coalition)
						.executeTakeFirst()
				: undefined;
			await trx
				.insertInto('story')
				.values({
					id: newId(),
					network_id: networkId,
					coalition_id: coalition?.id ?? null,
					slug: story.slug,
					title_es: story.titleEs,
					title_en: story.titleEn,
					summary_es: story.summaryEs,
					summary_en: story.summaryEn,
					body_es: story.bodyEs,
					body_en: story.bodyEn,
					status: 'published',
					published_at: now,
					created_at: now,
					updated_at: now
				})
				.execute();
		}
		return { network: seed.slug, created: true, places, coalitions };
	});
}

/** On first start, an empty database gets the Peru network. */
export async function seedDefaultIfEmpty(db: Db): Promise<SeedResult | null> {
	await seedCoreIndicators(db);
	if ((await countNetworks(db)) > 0) return null;
	return seedNetwork(db, peru);
}
