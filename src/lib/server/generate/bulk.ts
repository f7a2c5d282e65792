/**
 * Buffers generated rows per table and writes them as multi-row inserts, parents before children,
 * so foreign keys hold at every statement on both databases.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../db';
import { maxBindParameters } from '../db/dialect';
import type { DB } from '../db/types';

/** Every table the generator writes, in an order where each row's references are already there. */
export const GENERATED_TABLES = [
	'network',
	'place',
	'organization',
	'phase',
	'phase_goal',
	'phase_place',
	'coalition',
	'partner_role',
	'person',
	'guardian_consent',
	'membership',
	'meeting',
	'meeting_attendance',
	'training_event',
	'training_attendance',
	'ta_contact',
	'ta_followup',
	'planning_product',
	'indicator',
	'survey_upload',
	'indicator_value',
	'indicator_target',
	'logic_model',
	'logic_model_item',
	'action_task',
	'activity',
	'community_change',
	'story',
	'audit_event'
] as const satisfies readonly (keyof DB)[];
export type GeneratedTable = (typeof GENERATED_TABLES)[number];

/** Rows per statement: few enough statements to be fast, few enough values to stay in limits. */
const MAX_ROWS = 500;

export class BulkWriter {
	readonly counts = Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0])) as Record<
		GeneratedTable,
		number
	>;
	#buffers = new Map<GeneratedTable, object[]>();
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	/** Queues a row; every row of a table must name the same columns. */
	add<T extends GeneratedTable>(table: T, row: Insertable<DB[T]>): void {
		let buffer = this.#buffers.get(table);
		if (!buffer) this.#buffers.set(table, (buffer = []));
		buffer.push(row);
	}

	get pending(): number {
		let n = 0;
		for (const rows of this.#buffers.values()) n += rows.length;
		return n;
	}

	get written(): number {
		return Object.values(this.counts).reduce((a, b) => a + b, 0);
	}

	/** Writes everything queued, table by table in reference order. */
	async flush(): Promise<void> {
		const limit = maxBindParameters(this.#db);
		// The generator inserts into tables chosen at run time; the rows were typed when added.
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const db = this.#db as unknown as Kysely<any>;
		for (const table of GENERATED_TABLES) {
			const rows = this.#buffers.get(table);
			if (!rows?.length) continue;
			const columns = Object.keys(rows[0]).length;
			const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(limit / columns)));
			for (let i = 0; i < rows.length; i += size) {
				await db
					.insertInto(table)
					.values(rows.slice(i, i + size))
					.execute();
			}
			this.counts[table] += rows.length;
			rows.length = 0;
		}
	}
}
