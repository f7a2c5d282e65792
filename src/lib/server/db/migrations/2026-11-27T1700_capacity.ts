// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const SECTORS = `'youth', 'parents', 'business', 'media', 'schools', 'youth_serving_org', 'law_enforcement', 'religious_fraternal', 'civic_volunteer', 'healthcare', 'government_substance_agency', 'other_substance_org'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('coalition')
		.addColumn('spf_stage', 'text', (c) =>
			c.check(
				sql`spf_stage is null or spf_stage in ('assessment', 'capacity', 'planning', 'implementation', 'evaluation')`
			)
		)
		.execute();

	// People are the network's; a person joins coalitions through memberships. Minors without a
	// recorded guardian consent keep only first_name and age_group (enforced by the service).
	await db.schema
		.createTable('person')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('first_name', 'text', (c) => c.notNull())
		.addColumn('last_name', 'text')
		.addColumn('name_search', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('gender', 'text', (c) =>
			c.check(sql`gender is null or gender in ('female', 'male', 'other')`)
		)
		.addColumn('birth_year', 'integer')
		.addColumn('age_group', 'text', (c) =>
			c.check(
				sql`age_group is null or age_group in ('under_15', '15_17', '18_29', '30_59', '60_plus')`
			)
		)
		.addColumn('erased_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('person_network_idx')
		.on('person')
		.columns(['network_id', 'name_search'])
		.execute();

	await db.schema
		.createTable('guardian_consent')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('guardian_name', 'text', (c) => c.notNull())
		.addColumn('relationship', 'text', (c) => c.notNull())
		.addColumn('method', 'text', (c) =>
			c.notNull().check(sql`method in ('written', 'verbal_witnessed', 'digital')`)
		)
		.addColumn('consented_on', 'text', (c) => c.notNull())
		.addColumn('document_ref', 'text')
		.addColumn('recorded_by', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('guardian_consent_person_idx')
		.on('guardian_consent')
		.column('person_id')
		.execute();

	await db.schema
		.createTable('membership')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('chair', 'coordinator', 'member', 'youth_member')`)
		)
		.addColumn('sector', 'text', (c) => c.notNull().check(sql.raw(`sector in (${SECTORS})`)))
		.addColumn('organization_name', 'text')
		.addColumn('started_on', 'text', (c) => c.notNull())
		.addColumn('ended_on', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('membership_dates_ck', sql`ended_on is null or ended_on >= started_on`)
		.execute();
	await db.schema
		.createIndex('membership_coalition_idx')
		.on('membership')
		.columns(['coalition_id', 'sector'])
		.execute();
	await db.schema
		.createIndex('membership_person_idx')
		.on('membership')
		.column('person_id')
		.execute();

	await db.schema
		.createTable('meeting')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('coalition', 'committee', 'community', 'training', 'other')`)
		)
		.addColumn('title', 'text')
		.addColumn('guests_count', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`guests_count >= 0`)
		)
		.addColumn('decisions', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('meeting_coalition_idx')
		.on('meeting')
		.columns(['coalition_id', 'held_on'])
		.execute();

	await db.schema
		.createTable('meeting_attendance')
		.addColumn('meeting_id', 'text', (c) =>
			c.notNull().references('meeting.id').onDelete('cascade')
		)
		.addColumn('membership_id', 'text', (c) => c.notNull().references('membership.id'))
		.addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'membership_id'])
		.execute();

	await db.schema
		.createTable('agreement')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('municipality', 'text', (c) => c.notNull())
		.addColumn('organization_id', 'text', (c) => c.references('organization.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('scope', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'negotiating', 'signed', 'expired', 'terminated')`)
		)
		.addColumn('signed_on', 'text')
		.addColumn('valid_until', 'text')
		.addColumn('document_url', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('agreement_coalition_idx')
		.on('agreement')
		.column('coalition_id')
		.execute();

	await db.schema
		.createTable('planning_product')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('product', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`product in ('community_assessment', 'logic_model', 'strategic_action_plan', 'evaluation_plan', 'sustainability_plan')`
				)
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('not_started', 'draft', 'submitted', 'approved')`)
		)
		.addColumn('document_url', 'text')
		.addColumn('started_on', 'text')
		.addColumn('submitted_on', 'text')
		.addColumn('approved_on', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('planning_product_uq', ['coalition_id', 'product'])
		.execute();

	await db.schema
		.createTable('product_review')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('product_id', 'text', (c) =>
			c.notNull().references('planning_product.id').onDelete('cascade')
		)
		.addColumn('author_user_id', 'text', (c) => c.notNull())
		.addColumn('author_label', 'text', (c) => c.notNull())
		.addColumn('status_after', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('training_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_search', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('local_workshop', 'national_institute', 'international_institute', 'webinar', 'site_visit')`
				)
		)
		.addColumn('starts_on', 'text', (c) => c.notNull())
		.addColumn('ends_on', 'text')
		.addColumn('place', 'text')
		.addColumn('organizer_id', 'text', (c) => c.references('organization.id'))
		// topic codes (SPF steps, strategies) separated by '|'
		.addColumn('topics', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('hours', 'double precision', (c) => c.notNull().check(sql`hours >= 0`))
		.addColumn('description', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('training_dates_ck', sql`ends_on is null or ends_on >= starts_on`)
		.execute();
	await db.schema
		.createIndex('training_event_network_idx')
		.on('training_event')
		.columns(['network_id', 'starts_on'])
		.execute();

	await db.schema
		.createTable('training_attendance')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) =>
			c.notNull().references('training_event.id').onDelete('cascade')
		)
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('hours', 'double precision', (c) => c.check(sql`hours is null or hours >= 0`))
		.addColumn('certificate_code', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('training_attendance_uq', ['event_id', 'person_id'])
		.execute();

	await db.schema
		.createTable('ta_contact')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('coalition_id', 'text', (c) => c.notNull().references('coalition.id'))
		.addColumn('contact_on', 'text', (c) => c.notNull())
		.addColumn('provider_id', 'text', (c) => c.references('organization.id'))
		.addColumn('provider_person', 'text')
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('in_person', 'remote')`))
		.addColumn('hours', 'double precision', (c) => c.notNull().check(sql`hours >= 0`))
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('summary', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('ta_contact_coalition_idx')
		.on('ta_contact')
		.columns(['coalition_id', 'contact_on'])
		.execute();

	await db.schema
		.createTable('ta_followup')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contact_id', 'text', (c) =>
			c.notNull().references('ta_contact.id').onDelete('cascade')
		)
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('owner', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('open', 'done', 'dropped')`)
		)
		.addColumn('done_on', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('ta_followup_due_idx')
		.on('ta_followup')
		.columns(['status', 'due_on'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'ta_followup',
		'ta_contact',
		'training_attendance',
		'training_event',
		'product_review',
		'planning_product',
		'agreement',
		'meeting_attendance',
		'meeting',
		'membership',
		'guardian_consent',
		'person'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await db.schema.alterTable('coalition').dropColumn('spf_stage').execute();
}
