import { building } from '$app/environment';
import { databaseTarget } from './config';
import { createDb } from './db';

// While `vite build` analyses routes nothing may touch the real database file.
export const { db, kind } = createDb(
	building ? { kind: 'sqlite', location: ':memory:' } : databaseTarget()
);
