// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Survey privacy settings belong to the network: raw answers are dropped after computation
	// unless it opts in, and cells under the threshold are suppressed for anyone beyond the coalition.
	await db.schema
		.alterTable('network')
		.addColumn('keep_raw_survey', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
		.execute();
	await db.schema
		.alterTable('network')
		.addColumn('suppression_min', 'integer', (c) => c.notNull().defaultTo(10))
		.execute();

	// The catalog: the 16 core measures (network_id null, shared by every network) and custom ones.
	await db.schema
		.createTable('indicator')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.references('network.id'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('core', 'custom')`))
		.addColumn('measure', 'text')
		.addColumn('substance', 'text')
		.addColumn('name_es', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('percent', 'count', 'rate')`))
		.addColumn('numerator_es', 'text')
		.addColumn('numerator_en', 'text')
		.addColumn('denominator_es', 'text')
		.addColumn('denominator_en', 'text')
		.addColumn('source', 'text')
		.addColumn('archived_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('indicator_code_idx')
		.on('indicator')
		.columns(['network_id', 'code'])
		.execute();

	await db.schema
		.createTable('survey_upload')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('period', 'text', (c) => c.notNull())
		.addColumn('file_hash', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('rows_total', 'integer', (c) => c.notNull())
		.addColumn('rows_with_problems', 'integer', (c) => c.notNull())
		.addColumn('raw_kept', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
		.addColumn('uploaded_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('survey_upload_file_uq', ['coalition_id', 'file_hash'])
		.execute();

	await db.schema
		.createTable('survey_response')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('upload_id', 'text', (c) =>
			c.notNull().references('survey_upload.id').onDelete('cascade')
		)
		.addColumn('line', 'integer', (c) => c.notNull())
		.addColumn('answers_json', 'text', (c) => c.notNull())
		.execute();

	// Values: counts, never percentages, so any grouping can add numerators and denominators.
	// `cell` names the breakdown ('all', 'grade:1S', 'sex:F', 'grade:1S|sex:F').
	await db.schema
		.createTable('indicator_value')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('place_id', 'text', (c) => c.references('place.id'))
		.addColumn('period', 'text', (c) => c.notNull())
		.addColumn('cell', 'text', (c) => c.notNull().defaultTo('all'))
		.addColumn('numerator', 'double precision', (c) => c.notNull().check(sql`numerator >= 0`))
		.addColumn('denominator', 'double precision', (c) =>
			c.check(sql`denominator is null or denominator >= 0`)
		)
		.addColumn('source', 'text')
		.addColumn('notes', 'text')
		.addColumn('survey_upload_id', 'text', (c) =>
			c.references('survey_upload.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'indicator_value_scope_ck',
			sql`(coalition_id is not null and place_id is null) or (coalition_id is null and place_id is not null)`
		)
		.execute();
	await db.schema
		.createIndex('indicator_value_lookup_idx')
		.on('indicator_value')
		.columns(['indicator_id', 'coalition_id', 'period', 'cell'])
		.execute();

	await db.schema
		.createTable('indicator_target')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id'))
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('baseline_value', 'double precision')
		.addColumn('baseline_period', 'text')
		.addColumn('target_value', 'double precision')
		.addColumn('target_period', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('indicator_target_uq', ['indicator_id', 'coalition_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'indicator_target',
		'indicator_value',
		'survey_response',
		'survey_upload',
		'indicator'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await db.schema.alterTable('network').dropColumn('suppression_min').execute();
	await db.schema.alterTable('network').dropColumn('keep_raw_survey').execute();
}
