/**
 * Downloads hold exactly what the list's page shows the same person: the same rows for their
 * scope and filters, no names for those who may not see personal data, and survey cells
 * suppressed as on the page.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/access';
import { changeLog } from '../../src/lib/server/audit/service';
import { listCoalitionsFor } from '../../src/lib/server/coalitions/workspace';
import { NotFoundError } from '../../src/lib/server/errors';
import {
	activitiesExport,
	changesExport,
	coalitionMeasuresExport,
	communityChangesExport,
	coalitionsExport,
	membersExport,
	networkMeasuresExport
} from '../../src/lib/server/export/lists';
import { exportChunks, type ExportTable } from '../../src/lib/server/export/table';
import { addMember } from '../../src/lib/server/members/service';
import { ACTIVITY_PAGE_SIZE as PAGE, logActivity } from '../../src/lib/server/planning/activities';
import { recordChange } from '../../src/lib/server/planning/changes';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import {
	confirmSurvey,
	measuresFor,
	networkMeasures,
	previewSurvey
} from '../../src/lib/server/surveys/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

async function collect<T>(rows: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const row of rows) out.push(row);
	return out;
}

async function file<T>(format: 'csv' | 'xlsx', table: ExportTable<T>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const chunk of exportChunks(format, table)) parts.push(chunk);
	return Buffer.concat(parts);
}

describe.each(dialects())('exports on %s', (dialect) => {
	let handle: TestDb;
	let ids: Awaited<ReturnType<typeof peruIds>>;
	let admin: Actor;
	let coordinator: Actor;
	let viewer: Actor;
	let sumbi: Actor;
	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		ids = await peruIds(handle.db);
		admin = actorWith('network_admin', ids.networkId);
		coordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte });
		viewer = actorWith('viewer', ids.networkId);
		sumbi = actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi });
	});
	afterAll(async () => handle?.close());

	/** Every row of the registry page, page after page, as that person sees it. */
	async function pageRows(actor: Actor, query: Record<string, string> = {}) {
		const rows: string[] = [];
		for (let page = 1; ; page++) {
			const list = await listCoalitionsFor(handle.db, actor, ids.networkId, {
				...query,
				phaseId: query.phase,
				page
			});
			rows.push(...list.rows.map((r) => r.id));
			if (page >= list.pages) return rows;
		}
	}

	it('exports the registry each person sees, in the page order, across many small batches', async () => {
		for (const actor of [admin, viewer, sumbi, coordinator]) {
			for (const sort of ['name', '-name', 'updated', '-updated']) {
				const exported = await collect(
					await coalitionsExport(handle.db, actor, ids.networkId, new URLSearchParams({ sort }), 7)
				);
				expect(exported.map((r) => r.id)).toEqual(await pageRows(actor, { sort }));
			}
		}
		const mine = await collect(
			await coalitionsExport(handle.db, coordinator, ids.networkId, new URLSearchParams())
		);
		expect(mine.map((r) => r.id)).toEqual([ids.callaoNorte]);
		const all = await pageRows(admin);
		expect(all.length).toBeGreaterThan(14);
		expect((await pageRows(sumbi)).length).toBeLessThan(all.length);
	});

	it("applies the page's filters and keeps a coalition without a founding year when sorted by it", async () => {
		const query = { q: 'callao', status: 'active' };
		const exported = await collect(
			await coalitionsExport(handle.db, admin, ids.networkId, new URLSearchParams(query), 3)
		);
		expect(exported.map((r) => r.id)).toEqual(await pageRows(admin, query));
		expect(exported.length).toBeGreaterThan(0);
		for (const r of exported) expect(r.name.toLowerCase()).toContain('callao');

		const founded = await collect(
			await coalitionsExport(
				handle.db,
				admin,
				ids.networkId,
				new URLSearchParams({ sort: 'founded' }),
				4
			)
		);
		expect(new Set(founded.map((r) => r.id))).toEqual(new Set(await pageRows(admin)));
		const years = founded.map((r) => r.founded_year ?? 0);
		expect(years).toEqual([...years].sort((a, b) => a - b));
	});

	it("exports a coalition's whole activity log and its community changes, beyond one page", async () => {
		const logged = PAGE + 5;
		for (let i = 0; i < logged; i++) {
			const result = await logActivity(handle.db, coordinator, ids.callaoNorte, {
				happenedOn: `2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
				description: `Charla ${i + 1} en el colegio`,
				strategyCode: 'provide_information',
				kind: 'community_action',
				reachedYouthF: '3',
				reachedYouthM: '2'
			});
			expect(result.status).toBe('ok');
		}
		const rows = [];
		for await (const r of await activitiesExport(handle.db, coordinator, ids.callaoNorte))
			rows.push(r);
		expect(rows).toHaveLength(logged);
		expect(new Set(rows.map((r) => r.id)).size).toBe(logged);
		expect(rows.every((r) => r.reached.total === 5)).toBe(true);
		const recorded = await recordChange(handle.db, coordinator, ids.callaoNorte, {
			kind: 'policy',
			title: 'Ordenanza de horarios de venta de alcohol',
			happenedOn: '2025-05-01',
			status: 'adopted'
		});
		expect(recorded.status).toBe('ok');
		const changes = await communityChangesExport(handle.db, viewer, ids.callaoNorte);
		expect(changes.map((c) => [c.title, c.status])).toEqual([
			['Ordenanza de horarios de venta de alcohol', 'adopted']
		]);
		const huaroCoordinator = actorWith('coordinator', ids.networkId, { coalitionId: ids.huaro });
		await expect(
			activitiesExport(handle.db, huaroCoordinator, ids.callaoNorte)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			communityChangesExport(handle.db, huaroCoordinator, ids.callaoNorte)
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('answers "not found" to someone outside the network before writing anything', async () => {
		const stranger = actorWith('network_admin', 'another-network');
		await expect(
			coalitionsExport(handle.db, stranger, ids.networkId, new URLSearchParams())
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			membersExport(handle.db, stranger, ids.huaro, new URLSearchParams())
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(changesExport(handle.db, viewer, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(changesExport(handle.db, coordinator, ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('names members only for those who may see personal data; a viewer gets counts by sector', async () => {
		const added = await addMember(handle.db, coordinator, ids.callaoNorte, {
			firstName: 'Rosa',
			lastName: 'Huamán Torres',
			email: '',
			phone: '',
			gender: '',
			birthYear: '',
			ageGroup: '30_59',
			organizationName: '',
			endedOn: '',
			role: 'member',
			sector: 'parents',
			startedOn: '2024-05-02'
		});
		expect(added).toMatchObject({ status: 'ok' });

		const own = await membersExport(handle.db, coordinator, ids.callaoNorte, new URLSearchParams());
		expect(own.people?.map((p) => p.lastName)).toContain('Huamán Torres');

		const seen = await membersExport(handle.db, viewer, ids.callaoNorte, new URLSearchParams());
		expect(seen.people).toBeNull();
		expect(seen.coverage?.find((s) => s.sector === 'parents')?.active).toBeGreaterThan(0);
		const csv = (
			await file('csv', {
				name: 'members',
				columns: [
					{ header: () => 'sector', value: (r) => r.sector },
					{ header: () => 'active', value: (r) => r.active, kind: 'number' }
				],
				rows: seen.coverage!
			})
		).toString('utf8');
		expect(csv).not.toContain('Huamán');
		expect(csv).toContain('parents,');
	});

	it('suppresses small survey groups for readers outside the coalition, as the page does', async () => {
		const bytes = new Uint8Array(
			readFileSync(new URL('../fixtures/survey/clean.csv', import.meta.url))
		);
		const input = { coalitionId: ids.callaoNorte, period: '2025', fileName: 'clean.csv', bytes };
		const preview = await previewSurvey(handle.db, coordinator, input);
		if (preview.status !== 'ready') throw new Error(preview.status);
		expect(
			(await confirmSurvey(handle.db, coordinator, { ...input, expectedHash: preview.fileHash }))
				.status
		).toBe('stored');

		const key = (r: {
			indicator: string;
			cell?: string;
			grade: string | null;
			sex: string | null;
		}) => `${r.indicator}|${r.grade ?? ''}|${r.sex ?? ''}`;
		for (const reader of [coordinator, viewer]) {
			const exported = await coalitionMeasuresExport(
				handle.db,
				reader,
				ids.callaoNorte,
				new URLSearchParams({ period: '2025' })
			);
			const page = await measuresFor(handle.db, reader, ids.callaoNorte, '2025', { json: true });
			expect(exported.map(key)).toEqual(page.measures.map(key));
			expect(exported.map((r) => r.suppressed)).toEqual(page.measures.map((m) => m.suppressed));
			const fiveS = exported.find(
				(r) => r.indicator === 'past30_use.alcohol' && r.grade === '5S' && r.sex === null
			)!;
			if (reader === coordinator) {
				expect(fiveS).toMatchObject({ numerator: 3, denominator: 6, suppressed: false });
			} else {
				expect(fiveS).toMatchObject({ numerator: null, denominator: null, suppressed: true });
			}
		}

		// The network view: one measure and substance, by coalition, as the page shows it.
		const query = new URLSearchParams({
			period: '2025',
			measure: 'past30_use',
			substance: 'alcohol'
		});
		const net = await networkMeasuresExport(handle.db, viewer, ids.networkId, query);
		const view = await networkMeasures(handle.db, viewer, ids.networkId, '2025', {
			by: 'coalition'
		});
		const callao = view.groups.find((g) => g.id === ids.callaoNorte)!;
		const exportedCallao = net.filter((r) => r.group === callao.name);
		expect(exportedCallao.length).toBe(Object.keys(callao.cells['past30_use.alcohol']).length);
		for (const r of exportedCallao) expect(r.indicator).toBe('past30_use.alcohol');
		expect(exportedCallao.some((r) => r.suppressed)).toBe(view.suppressedView);
		for (const r of exportedCallao.filter((c) => c.suppressed)) {
			expect([r.numerator, r.denominator, r.percent]).toEqual([null, null, null]);
		}
		// The network's own total comes last, under no group.
		expect(net.at(-1)?.group).toBeNull();
	});

	it('exports the whole change log to administrators, newest first, in batches', async () => {
		for (const firstName of ['Ana', 'Luis', 'Eva']) {
			await addMember(handle.db, coordinator, ids.callaoNorte, {
				firstName,
				ageGroup: '30_59',
				role: 'member',
				sector: 'business',
				startedOn: '2025-01-15'
			});
		}
		const exported = await collect(await changesExport(handle.db, admin, ids.networkId, 2));
		const log = await changeLog(handle.db, admin, ids.networkId, 1);
		expect(exported).toHaveLength(log.total);
		expect(log.total).toBeGreaterThan(2);
		expect(new Set(exported.map((r) => r.id)).size).toBe(exported.length);
		const times = exported.map((r) => r.created_at);
		expect(times).toEqual([...times].sort().reverse());
	});

	it('writes a coalition list that reads back from XLSX with the same rows', async () => {
		const rows = await collect(
			await coalitionsExport(handle.db, sumbi, ids.networkId, new URLSearchParams())
		);
		const bytes = await file('xlsx', {
			name: 'coalitions',
			columns: [
				{ header: () => 'Nombre', value: (r) => r.name },
				{ header: () => 'Fundada', value: (r) => r.founded_year, kind: 'number' }
			],
			rows
		});
		const book = XLSX.read(bytes, { type: 'buffer' });
		const back = XLSX.utils.sheet_to_json<{ Nombre: string }>(book.Sheets[book.SheetNames[0]]);
		expect(back.map((r) => r.Nombre)).toEqual(rows.map((r) => r.name));
	});
});
