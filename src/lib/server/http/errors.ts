import { error } from '@sveltejs/kit';
import { NotFoundError } from '../errors';

/** Runs a service call; "not found or not yours" becomes the same 404 everywhere. */
export async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'not_found');
		throw e;
	}
}
