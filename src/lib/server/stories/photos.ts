/**
 * Photos are never stored as sent: the bytes are checked (by content, not by name), decoded,
 * shrunk to a web size and written again as JPEG. Writing a fresh file from the pixels drops
 * everything else the camera put in it, EXIF and GPS position included.
 */
import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import { methods as resize } from '@jimp/plugin-resize';
import {
	PHOTO_MAX_EDGE,
	PHOTO_MAX_PIXELS,
	fitWithin,
	photoUploadError,
	pngDimensions,
	sniffImage
} from '$lib/domain/stories';

const Jimp = createJimp({ formats: [jpeg, png], plugins: [resize] });

export type ProcessedPhoto =
	| { ok: true; bytes: Uint8Array; mimeType: 'image/jpeg'; width: number; height: number }
	| { ok: false; code: string };

const JPEG_QUALITY = 82;

export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
	const refused = photoUploadError(input);
	if (refused) return { ok: false, code: refused };
	const kind = sniffImage(input);
	if (kind === 'image/png') {
		const size = pngDimensions(input);
		if (!size || size.width * size.height > PHOTO_MAX_PIXELS) {
			return { ok: false, code: 'photo_too_large' };
		}
	}
	let image: Awaited<ReturnType<typeof Jimp.fromBuffer>>;
	try {
		image = await Jimp.fromBuffer(Buffer.from(input), {
			'image/jpeg': { maxResolutionInMP: PHOTO_MAX_PIXELS / 1_000_000, maxMemoryUsageInMB: 512 }
		});
	} catch (e) {
		// jpeg-js says "maxResolutionInMP limit exceeded" for a canvas too large to decode safely.
		const message = e instanceof Error ? e.message : '';
		return {
			ok: false,
			code: /maxResolution|maxMemory/i.test(message) ? 'photo_too_large' : 'photo_unreadable'
		};
	}
	const { width, height } = image.bitmap;
	const target = fitWithin(width, height, PHOTO_MAX_EDGE);
	if (target.width !== width || target.height !== height) {
		image.resize({ w: target.width, h: target.height });
	}
	// JPEG has no transparency: the encoder paints clear pixels with the background, white
	// here (a logo on a clear background would otherwise turn black).
	image.background = 0xffffffff;
	const bytes = await image.getBuffer('image/jpeg', { quality: JPEG_QUALITY });
	return {
		ok: true,
		bytes: new Uint8Array(bytes),
		mimeType: 'image/jpeg',
		width: image.bitmap.width,
		height: image.bitmap.height
	};
}
