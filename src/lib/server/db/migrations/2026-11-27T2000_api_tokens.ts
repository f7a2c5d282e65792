// Frozen: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Personal access tokens for the JSON API. Only a SHA-256 of the secret is kept, so a copy of
	// the database does not hand out working tokens; the prefix lets a person recognise a token.
	await db.schema
		.createTable('api_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('read', 'write')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('prefix', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text')
		.addColumn('last_used_at', 'text')
		.addColumn('revoked_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('api_token_user_idx').on('api_token').column('user_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('api_token').execute();
}
