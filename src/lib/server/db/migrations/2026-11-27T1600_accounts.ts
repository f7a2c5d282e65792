// Frozen: never edit a migration that has shipped; add a new one.
// The sign-in tables themselves (user, session, account, verification) belong to better-auth and
// are created by its own migrator right after ours, so nothing here references them by key.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('role_grant')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('network_admin', 'partner_staff', 'coordinator', 'viewer')`)
		)
		.addColumn('organization_id', 'text', (c) => c.references('organization.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('created_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'role_grant_scope_ck',
			sql`(role <> 'partner_staff' or organization_id is not null) and (role <> 'coordinator' or coalition_id is not null)`
		)
		.execute();
	await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute();

	await db.schema
		.createTable('user_state')
		.addColumn('user_id', 'text', (c) => c.primaryKey())
		.addColumn('deactivated_at', 'text')
		.addColumn('deactivated_by', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('access_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invite', 'reset')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text')
		.addColumn('network_id', 'text', (c) => c.references('network.id'))
		.addColumn('role', 'text')
		.addColumn('organization_id', 'text', (c) => c.references('organization.id'))
		.addColumn('coalition_id', 'text', (c) => c.references('coalition.id'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('created_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text')
		.addColumn('actor_user_id', 'text')
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('entity_label', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('before_json', 'text')
		.addColumn('after_json', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_event_entity_idx')
		.on('audit_event')
		.columns(['entity_type', 'entity_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('audit_event_network_idx')
		.on('audit_event')
		.columns(['network_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('message_note')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('message_id', 'text', (c) =>
			c.notNull().references('contact_message.id').onDelete('cascade')
		)
		.addColumn('author_user_id', 'text', (c) => c.notNull())
		.addColumn('author_label', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['message_note', 'audit_event', 'access_token', 'user_state', 'role_grant']) {
		await db.schema.dropTable(table).execute();
	}
}
