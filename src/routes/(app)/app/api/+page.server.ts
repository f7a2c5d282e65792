import type { PageServerLoad } from './$types';
import { referenceOf } from '$lib/server/api/reference';
import { openApiDocument } from '$lib/server/api/openapi';
import { baseUrl } from '$lib/server';

/** The API reference, read from the same OpenAPI document the API serves. */
export const load: PageServerLoad = async () => ({
	reference: referenceOf(openApiDocument(), baseUrl)
});
