import { randomUUID } from 'node:crypto';

/** Ids are made in the app so both databases store the same text keys. */
export function newId(): string {
	return randomUUID();
}

/** One timestamp representation on both databases: ISO-8601 UTC text. */
export function nowIso(): string {
	return new Date().toISOString();
}
