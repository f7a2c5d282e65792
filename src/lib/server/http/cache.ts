import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Browsers revalidate every time (a 304 is a few hundred bytes); a CDN may serve a minute-old copy. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

export function weakEtag(body: Uint8Array): string {
	return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

function pickEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	const accepted = (acceptEncoding ?? '').toLowerCase();
	if (/\bbr\b/.test(accepted)) return 'br';
	if (/\bgzip\b/.test(accepted)) return 'gzip';
	return null;
}

/**
 * Turns a rendered public page into a cacheable one: ETag, Cache-Control, a 304 when the visitor
 * already has it, and compression (adapter-node compresses only static files; a phone on a weak
 * signal should not wait for uncompressed HTML when no proxy sits in front).
 */
export async function cacheablePage(request: Request, response: Response): Promise<Response> {
	const body = new Uint8Array(await response.arrayBuffer());
	const etag = weakEtag(body);
	const headers = new Headers(response.headers);
	headers.set('ETag', etag);
	headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
	headers.append('Vary', 'Accept-Encoding');
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		headers.delete('Content-Length');
		headers.delete('Content-Type');
		return new Response(null, { status: 304, headers });
	}
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	if (!encoding || body.byteLength < 1024) {
		headers.set('Content-Length', String(body.byteLength));
		return new Response(body, { status: response.status, headers });
	}
	const compressed =
		encoding === 'br'
			? brotliCompressSync(body, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
					}
				})
			: gzipSync(body, { level: 6 });
	headers.set('Content-Encoding', encoding);
	headers.set('Content-Length', String(compressed.byteLength));
	return new Response(new Uint8Array(compressed), { status: response.status, headers });
}
