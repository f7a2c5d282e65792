// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('network')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name_es', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('country_code', 'text', (c) => c.notNull())
		.addColumn('contact_email', 'text')
		.addColumn('summary_es', 'text')
		.addColumn('summary_en', 'text')
		.addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('place')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('parent_id', 'text', (c) => c.references('place.id'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('program_region', 'department', 'province', 'district', 'city', 'community')`
				)
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('aliases', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name_search', 'text', (c) => c.notNull())
		.addColumn('ubigeo', 'text')
		.addColumn('latitude', 'double precision', (c) =>
			c.check(sql`latitude is null or (latitude >= -90 and latitude <= 90)`)
		)
		.addColumn('longitude', 'double precision', (c) =>
			c.check(sql`longitude is null or (longitude >= -180 and longitude <= 180)`)
		)
		.addColumn('coords_approximate', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('note', 'text')
		.addColumn('archived_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('place_network_parent_idx')
		.on('place')
		.columns(['network_id', 'parent_id'])
		.execute();
	await db.schema.createIndex('place_name_search_idx').on('place').column('name_search').execute();

	await db.schema
		.createTable('phase')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('name_es', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('start_year', 'integer', (c) => c.notNull())
		.addColumn('end_year', 'integer')
		.addColumn('summary_es', 'text')
		.addColumn('summary_en', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('phase_network_number_uq', ['network_id', 'number'])
		.addCheckConstraint('phase_years_ck', sql`end_year is null or end_year >= start_year`)
		.execute();

	await db.schema
		.createTable('phase_goal')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('phase_id', 'text', (c) => c.notNull().references('phase.id').onDelete('cascade'))
		.addColumn('metric', 'text', (c) =>
			c.notNull().check(sql`metric in ('coalitions', 'districts', 'cities', 'communities')`)
		)
		.addColumn('target', 'integer', (c) => c.notNull().check(sql`target >= 0`))
		.addColumn('by_year', 'integer')
		.addColumn('source_text', 'text')
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('phase_place')
		.addColumn('phase_id', 'text', (c) => c.notNull().references('phase.id').onDelete('cascade'))
		.addColumn('place_id', 'text', (c) => c.notNull().references('place.id'))
		.addPrimaryKeyConstraint('phase_place_pk', ['phase_id', 'place_id'])
		.execute();

	await db.schema
		.createTable('organization')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('short_name', 'text')
		.addColumn('name_search', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('international_trainer', 'national_ngo', 'funder', 'local_government', 'community_group')`
				)
		)
		.addColumn('country_code', 'text')
		.addColumn('website', 'text')
		.addColumn('description_es', 'text')
		.addColumn('description_en', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('coalition')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('place_id', 'text', (c) => c.notNull().references('place.id'))
		.addColumn('phase_id', 'text', (c) => c.references('phase.id'))
		.addColumn('phase_inferred', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
		.addColumn('phase_note_es', 'text')
		.addColumn('phase_note_en', 'text')
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_search', 'text', (c) => c.notNull())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('founded_year', 'integer')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('forming', 'active', 'inactive', 'archived')`)
		)
		.addColumn('seeded_by_coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('seeded_by_organization_id', 'text', (c) => c.references('organization.id'))
		.addColumn('description_es', 'text')
		.addColumn('description_en', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('coalition_network_idx')
		.on('coalition')
		.columns(['network_id', 'status'])
		.execute();
	await db.schema.createIndex('coalition_place_idx').on('coalition').column('place_id').execute();
	await db.schema
		.createIndex('coalition_name_search_idx')
		.on('coalition')
		.column('name_search')
		.execute();

	await db.schema
		.createTable('partner_role')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('phase_id', 'text', (c) => c.references('phase.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`role in ('training_ta', 'implementation', 'funding', 'local_government', 'community', 'coordination')`
				)
		)
		.addColumn('note_es', 'text')
		.addColumn('note_en', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('partner_role_network_idx')
		.on('partner_role')
		.columns(['network_id', 'organization_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'partner_role',
		'coalition',
		'organization',
		'phase_place',
		'phase_goal',
		'phase',
		'place',
		'network'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
