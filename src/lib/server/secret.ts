import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './config';

/**
 * The signing secret for sessions and tokens: BETTER_AUTH_SECRET when set, otherwise one made on
 * first start and kept in the data folder, readable by its owner only, so `npm start` needs no
 * set-up and sessions survive restarts. Several instances must share it: set the variable there.
 */
export function loadOrCreateSecret(env: NodeJS.ProcessEnv = process.env): string {
	if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
	const dir = dataDir(env);
	const file = join(dir, 'secret.key');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dir, { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
	chmodSync(file, 0o600);
	return secret;
}
