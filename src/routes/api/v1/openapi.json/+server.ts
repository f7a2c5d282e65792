import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';

/** The API's description, for anyone (it holds no data); built once per process. */
let document: ReturnType<typeof openApiDocument> | null = null;

export const GET = () => {
	document ??= openApiDocument();
	return json(document, { headers: { 'Cache-Control': 'public, max-age=300' } });
};
