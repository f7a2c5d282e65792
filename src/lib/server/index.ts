import { building } from '$app/environment';
import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { createAuth } from './auth/create';
import type { AccountContext } from './accounts/service';
import { databaseTarget } from './config';
import { createDb } from './db';
import { mailerFromEnv } from './mail';
import { loadOrCreateSecret } from './secret';

// While `vite build` analyses routes nothing may touch the real database or data folder.
export const { db, kind } = createDb(
	building ? { kind: 'sqlite', location: ':memory:' } : databaseTarget()
);

const secret = building
	? 'build-time-placeholder-secret-never-used-at-runtime'
	: loadOrCreateSecret();

/** The public address of the site; links in e-mails and invitations start with it. */
export const baseUrl =
	process.env.BETTER_AUTH_URL ||
	process.env.ORIGIN ||
	`http://localhost:${process.env.PORT || 3000}`;

export const auth = createAuth(
	db,
	kind,
	{
		secret,
		baseURL: baseUrl,
		trustedOrigins: process.env.BETTER_AUTH_TRUSTED_ORIGINS?.split(',').filter(Boolean)
	},
	[sveltekitCookies(getRequestEvent)]
);

export const accounts: AccountContext = { db, auth, secret };

export const mailer = building ? null : mailerFromEnv();
