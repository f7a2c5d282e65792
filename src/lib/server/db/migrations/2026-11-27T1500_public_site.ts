// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('story')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('title_es', 'text')
		.addColumn('title_en', 'text')
		.addColumn('summary_es', 'text')
		.addColumn('summary_en', 'text')
		.addColumn('body_es', 'text')
		.addColumn('body_en', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'in_review', 'published', 'unpublished')`)
		)
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('story_has_title_ck', sql`title_es is not null or title_en is not null`)
		.execute();
	await db.schema
		.createIndex('story_network_status_idx')
		.on('story')
		.columns(['network_id', 'status', 'published_at'])
		.execute();
	await db.schema.createIndex('story_coalition_idx').on('story').column('coalition_id').execute();

	await db.schema
		.createTable('contact_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('new')
				.check(sql`status in ('new', 'answered', 'archived')`)
		)
		.addColumn('assigned_to', 'text')
		.addColumn('email_sent_at', 'text')
		.addColumn('email_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('contact_message_network_idx')
		.on('contact_message')
		.columns(['network_id', 'status', 'created_at'])
		.execute();

	// One row per attempt, so every app instance counts the same attempts (no in-memory limits).
	await db.schema
		.createTable('rate_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('rate_event_key_idx')
		.on('rate_event')
		.columns(['key', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('rate_event').execute();
	await db.schema.dropTable('contact_message').execute();
	await db.schema.dropTable('story').execute();
}
