import type { PageServerLoad } from './$types';
import { modelHere } from '../model';

export const load: PageServerLoad = async ({ locals, params }) => {
	return { plan: await modelHere(locals.actor, params) };
};
