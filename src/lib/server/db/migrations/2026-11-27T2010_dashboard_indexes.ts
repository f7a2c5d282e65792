// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';

/**
 * Indexes for the dashboard's figures, which add up other tables over the coalitions in a
 * scope: training hours by the attendee's coalition, survey totals by coalition, and the phase
 * filter. Without them each figure scans the whole table on a large network.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('training_attendance_coalition_idx')
		.on('training_attendance')
		.columns(['coalition_id', 'event_id'])
		.execute();
	await db.schema
		.createIndex('indicator_value_coalition_idx')
		.on('indicator_value')
		.columns(['coalition_id', 'cell', 'period'])
		.execute();
	await db.schema
		.createIndex('coalition_phase_idx')
		.on('coalition')
		.columns(['phase_id', 'status'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('coalition_phase_idx').execute();
	await db.schema.dropIndex('indicator_value_coalition_idx').execute();
	await db.schema.dropIndex('training_attendance_coalition_idx').execute();
}
