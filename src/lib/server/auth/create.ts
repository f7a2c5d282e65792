import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import type { Db } from '../db';
import type { DialectKind } from '../db/dialect';

export interface AuthSettings {
	secret: string;
	baseURL: string;
	trustedOrigins?: string[];
}

/**
 * better-auth on our own Kysely instance, so its tables live in the same database. Kept free of
 * $app imports so the CLI and the tests can build one too.
 */
export function createAuth(
	db: Db,
	kind: DialectKind,
	settings: AuthSettings,
	plugins: BetterAuthPlugin[] = []
) {
	return betterAuth({
		database: { db, type: kind },
		secret: settings.secret,
		baseURL: settings.baseURL,
		trustedOrigins: settings.trustedOrigins,
		emailAndPassword: {
			enabled: true,
			minPasswordLength: 10,
			maxPasswordLength: 128,
			autoSignIn: true
		},
		// Accounts come only from invitations; the public sign-up endpoint stays closed.
		disabledPaths: ['/sign-up/email'],
		session: {
			expiresIn: 60 * 60 * 24 * 14,
			updateAge: 60 * 60 * 24
		},
		advanced: {
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' }
		},
		// Sign-in goes through our form action, which has its own per-address and per-account limits.
		rateLimit: { enabled: false },
		plugins
	});
}

export type Auth = ReturnType<typeof createAuth>;

export async function migrateAuth(auth: Auth): Promise<void> {
	const { runMigrations } = await getMigrations(auth.options);
	await runMigrations();
}
