/**
 * Rules for a story's photos and people. Pure: the services in $lib/server/planning apply them.
 */

/** A phone photo is 2–6 MB; anything much bigger is a scan or a raw file nobody needs on the web. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** Long edge after resizing: sharp on a wide screen, light on a slow connection. */
export const PHOTO_MAX_EDGE = 1600;
/** A decoded image needs ~4 bytes a pixel: this keeps one upload under ~200 MB of memory. */
export const PHOTO_MAX_PIXELS = 50_000_000;

export const PHOTO_CONSENTS = ['no_identifiable_people', 'recorded'] as const;
export type PhotoConsent = (typeof PHOTO_CONSENTS)[number];

export type ImageKind = 'image/jpeg' | 'image/png';

/**
 * What the bytes are, whatever the file is called: JPEG starts FF D8 FF, PNG with its 8-byte
 * signature. Anything else (a renamed text file, a PDF, HEIC) is not accepted.
 */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		return 'image/jpeg';
	}
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
	return null;
}

/** A PNG's size from its header (IHDR), read before decoding so a tiny file cannot claim a huge canvas. */
export function pngDimensions(bytes: Uint8Array): { width: number; height: number } | null {
	if (bytes.length < 24) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size that fits inside `maxEdge` keeping the proportions; small photos are not enlarged. */
export function fitWithin(width: number, height: number, maxEdge: number) {
	const scale = Math.min(1, maxEdge / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/**
 * Checks the upload before any decoding: present, not too large, an image by its bytes.
 * Returns the error code for the file field, or null.
 */
export function photoUploadError(bytes: Uint8Array): string | null {
	if (bytes.length === 0) return 'required';
	if (bytes.length > PHOTO_MAX_BYTES) return 'photo_too_large';
	if (!sniffImage(bytes)) return 'photo_type';
	return null;
}
