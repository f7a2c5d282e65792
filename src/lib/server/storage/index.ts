/**
 * Where uploaded files live. Services talk to this interface only, so a deployment with several
 * app instances can swap the data folder for S3-compatible object storage without touching them.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataDir } from '../config';
import { newId } from '../ids';

export interface FileStorage {
	put(key: string, bytes: Uint8Array): Promise<void>;
	/** null when there is no such file */
	get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
	/** removing a missing file is not an error: a retried delete must succeed */
	delete(key: string): Promise<void>;
}

/** Keys are our own ids joined by '/': nothing that could climb out of the folder. */
const KEY = /^[a-z0-9_-]+(?:\/[a-z0-9_.-]+)*$/i;

function checkKey(key: string): string {
	if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
		throw new Error(`Invalid storage key: ${key}`);
	}
	return key;
}

/** Files under a folder; a write goes to a temporary name first so a reader never sees half a file. */
export function folderStorage(root: string): FileStorage {
	const pathOf = (key: string) => join(root, ...checkKey(key).split('/'));
	return {
		async put(key, bytes) {
			const path = pathOf(key);
			await mkdir(dirname(path), { recursive: true });
			const temporary = `${path}.${newId()}.tmp`;
			await writeFile(temporary, bytes);
			await rename(temporary, path);
		},
		async get(key) {
			try {
				return new Uint8Array(await readFile(pathOf(key)));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw e;
			}
		},
		async delete(key) {
			await rm(pathOf(key), { force: true });
		}
	};
}

let shared: FileStorage | null = null;

/** The data folder's `files/` (DATA_DIR, `data/` by default). */
export function defaultStorage(): FileStorage {
	shared ??= folderStorage(join(dataDir(), 'files'));
	return shared;
}
