// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const SECTORS = `'youth', 'parents', 'business', 'media', 'schools', 'youth_serving_org', 'law_enforcement', 'religious_fraternal', 'civic_volunteer', 'healthcare', 'government_substance_agency', 'other_substance_org'`;
const STRATEGIES = `'provide_information', 'enhance_skills', 'provide_support', 'access_barriers', 'change_consequences', 'change_physical_design', 'modify_policies'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// One row per version of a coalition's logic model; an approved version is never edited again,
	// so a plan approved in 2024 still reads the same when 2025's is drafted.
	await db.schema
		.createTable('logic_model')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'approved', 'archived')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('approved_on', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('logic_model_version_uq', ['coalition_id', 'version'])
		.execute();
	await db.schema
		.createIndex('logic_model_coalition_idx')
		.on('logic_model')
		.columns(['coalition_id', 'status'])
		.execute();

	await db.schema
		.createTable('logic_model_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('model_id', 'text', (c) =>
			c.notNull().references('logic_model.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('problem', 'root_cause', 'local_condition', 'strategy', 'activity', 'outcome')`
				)
		)
		.addColumn('parent_id', 'text', (c) => c.references('logic_model_item.id').onDelete('cascade'))
		// The item of the previous version this one was copied from: tasks and changes linked to
		// an older version's item can follow it into the new one.
		.addColumn('origin_item_id', 'text')
		.addColumn('text_es', 'text')
		.addColumn('text_en', 'text')
		.addColumn('strategy_code', 'text', (c) =>
			c.check(sql.raw(`strategy_code is null or strategy_code in (${STRATEGIES})`))
		)
		.addColumn('outcome_term', 'text', (c) =>
			c.check(sql`outcome_term is null or outcome_term in ('short', 'intermediate', 'long')`)
		)
		.addColumn('indicator_id', 'text', (c) => c.references('indicator.id'))
		.addColumn('baseline_value', 'double precision')
		.addColumn('target_value', 'double precision')
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('logic_model_item_text_ck', sql`text_es is not null or text_en is not null`)
		.addCheckConstraint(
			'logic_model_item_strategy_ck',
			sql`(kind = 'strategy') = (strategy_code is not null)`
		)
		.addCheckConstraint(
			'logic_model_item_outcome_ck',
			sql`(kind = 'outcome') = (outcome_term is not null)`
		)
		.execute();
	await db.schema
		.createIndex('logic_model_item_model_idx')
		.on('logic_model_item')
		.columns(['model_id', 'kind'])
		.execute();
	await db.schema
		.createIndex('logic_model_item_parent_idx')
		.on('logic_model_item')
		.column('parent_id')
		.execute();

	await db.schema
		.createTable('action_task')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('model_item_id', 'text', (c) => c.notNull().references('logic_model_item.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('owner', 'text')
		.addColumn('due_on', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('todo', 'doing', 'done', 'dropped')`)
		)
		.addColumn('resources', 'text')
		.addColumn('process_measure', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('action_task_coalition_idx')
		.on('action_task')
		.columns(['coalition_id', 'status', 'due_on'])
		.execute();
	await db.schema
		.createIndex('action_task_item_idx')
		.on('action_task')
		.column('model_item_id')
		.execute();

	// The everyday record: counts only, never names, so it can be shown to anyone who may view the
	// coalition.
	await db.schema
		.createTable('activity')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('happened_on', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('task_id', 'text', (c) => c.references('action_task.id'))
		.addColumn('strategy_code', 'text', (c) =>
			c.check(sql.raw(`strategy_code is null or strategy_code in (${STRATEGIES})`))
		)
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('community_action', 'community_change', 'development_activity', 'service_provided', 'dissemination')`
				)
		)
		.addColumn('reached_youth_f', 'integer', (c) =>
			c.check(sql`reached_youth_f is null or reached_youth_f >= 0`)
		)
		.addColumn('reached_youth_m', 'integer', (c) =>
			c.check(sql`reached_youth_m is null or reached_youth_m >= 0`)
		)
		.addColumn('reached_adult_f', 'integer', (c) =>
			c.check(sql`reached_adult_f is null or reached_adult_f >= 0`)
		)
		.addColumn('reached_adult_m', 'integer', (c) =>
			c.check(sql`reached_adult_m is null or reached_adult_m >= 0`)
		)
		.addColumn('reached_total', 'integer', (c) =>
			c.check(sql`reached_total is null or reached_total >= 0`)
		)
		.addColumn('sectors', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('volunteers', 'integer', (c) => c.check(sql`volunteers is null or volunteers >= 0`))
		.addColumn('volunteer_hours', 'double precision', (c) =>
			c.check(sql`volunteer_hours is null or volunteer_hours >= 0`)
		)
		.addColumn('media_coverage', 'text')
		.addColumn('resources', 'text')
		.addColumn('in_kind_value', 'double precision', (c) =>
			c.check(sql`in_kind_value is null or in_kind_value >= 0`)
		)
		// Set by the browser for a draft kept offline; sending it twice must store it once.
		.addColumn('client_draft_id', 'text')
		.addColumn('created_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('activity_serves_ck', sql`task_id is not null or strategy_code is not null`)
		.execute();
	await db.schema
		.createIndex('activity_coalition_idx')
		.on('activity')
		.columns(['coalition_id', 'happened_on'])
		.execute();
	await db.schema.createIndex('activity_task_idx').on('activity').column('task_id').execute();
	await db.schema
		.createIndex('activity_draft_uq')
		.on('activity')
		.columns(['coalition_id', 'client_draft_id'])
		.unique()
		.execute();

	await db.schema
		.createTable('community_change')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('program', 'policy', 'practice')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('sector', 'text', (c) =>
			c.check(sql.raw(`sector is null or sector in (${SECTORS})`))
		)
		.addColumn('local_condition_item_id', 'text', (c) => c.references('logic_model_item.id'))
		.addColumn('happened_on', 'text', (c) => c.notNull())
		.addColumn('evidence', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('proposed', 'adopted', 'enforced')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('community_change_coalition_idx')
		.on('community_change')
		.columns(['coalition_id', 'happened_on'])
		.execute();

	// A story's photos: files re-encoded by the server (never the upload as sent), with alt text
	// required and, when people can be recognized, the consent recorded.
	await db.schema
		.createTable('story_photo')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull().unique())
		.addColumn('mime_type', 'text', (c) =>
			c.notNull().check(sql`mime_type in ('image/jpeg', 'image/webp', 'image/png')`)
		)
		.addColumn('width', 'integer', (c) => c.notNull().check(sql`width > 0`))
		.addColumn('height', 'integer', (c) => c.notNull().check(sql`height > 0`))
		.addColumn('byte_size', 'integer', (c) => c.notNull().check(sql`byte_size > 0`))
		.addColumn('alt_es', 'text')
		.addColumn('alt_en', 'text')
		.addColumn('caption_es', 'text')
		.addColumn('caption_en', 'text')
		.addColumn('consent', 'text', (c) =>
			c.notNull().check(sql`consent in ('no_identifiable_people', 'recorded')`)
		)
		.addColumn('consent_note', 'text')
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint('story_photo_alt_ck', sql`alt_es is not null or alt_en is not null`)
		.execute();
	await db.schema
		.createIndex('story_photo_story_idx')
		.on('story_photo')
		.column('story_id')
		.execute();

	// The people a story is about (members of the network), so erasing a person can find them.
	await db.schema
		.createTable('story_person')
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
		.addPrimaryKeyConstraint('story_person_pk', ['story_id', 'person_id'])
		.execute();
	await db.schema
		.createIndex('story_person_person_idx')
		.on('story_person')
		.column('person_id')
		.execute();

	// The hub's comments on a story under review (mirrors product_review).
	await db.schema
		.createTable('story_review')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('author_user_id', 'text')
		.addColumn('author_label', 'text', (c) => c.notNull())
		.addColumn('status_after', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('story_review_story_idx')
		.on('story_review')
		.column('story_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('story_review').execute();
	await db.schema.dropTable('story_person').execute();
	await db.schema.dropTable('story_photo').execute();
	await db.schema.dropTable('community_change').execute();
	await db.schema.dropTable('activity').execute();
	await db.schema.dropTable('action_task').execute();
	await db.schema.dropTable('logic_model_item').execute();
	await db.schema.dropTable('logic_model').execute();
}
