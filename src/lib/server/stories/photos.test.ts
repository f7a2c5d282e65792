import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, sniffImage } from '$lib/domain/stories';
import { processPhoto } from './photos';

const Jimp = createJimp({ formats: [jpeg, png] });

/** A camera-like APP1 segment: "Exif", a minimal TIFF header and a GPS note we can look for. */
function withExif(jpegBytes: Uint8Array): Uint8Array {
	const marker = new TextEncoder().encode('GPSLatitude -12.0464 Lima');
	const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
	const payload = [...new TextEncoder().encode('Exif\0\0'), ...tiff, ...marker];
	const length = payload.length + 2;
	const segment = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
	return new Uint8Array([...jpegBytes.slice(0, 2), ...segment, ...jpegBytes.slice(2)]);
}

const contains = (haystack: Uint8Array, needle: string) =>
	Buffer.from(haystack).includes(Buffer.from(needle));

async function picture(width: number, height: number, mime: 'image/png' | 'image/jpeg') {
	const image = new Jimp({ width, height, color: 0x2f6b4fff });
	return new Uint8Array(await image.getBuffer(mime));
}

describe('story photo processing', () => {
	it('re-encodes a large PNG as a JPEG no longer than 1600 px', async () => {
		const result = await processPhoto(await picture(2400, 1200, 'image/png'));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 800 });
		expect(sniffImage(result.bytes)).toBe('image/jpeg');
		const decoded = await Jimp.fromBuffer(Buffer.from(result.bytes));
		expect([decoded.bitmap.width, decoded.bitmap.height]).toEqual([1600, 800]);
	});

	it('keeps a small photo its size, and drops the camera data with the GPS position', async () => {
		const original = withExif(await picture(640, 480, 'image/jpeg'));
		expect(contains(original, 'Exif')).toBe(true);
		const result = await processPhoto(original);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect([result.width, result.height]).toEqual([640, 480]);
		expect(contains(result.bytes, 'Exif')).toBe(false);
		expect(contains(result.bytes, 'GPSLatitude')).toBe(false);
	});

	it('refuses a text file called .jpg, by its content', async () => {
		const text = new TextEncoder().encode('Esto no es una foto, aunque se llame foto.jpg');
		expect(await processPhoto(text)).toEqual({ ok: false, code: 'photo_type' });
	});

	it('refuses a file over the size limit before decoding it', async () => {
		const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
		big.set([0xff, 0xd8, 0xff]);
		expect(await processPhoto(big)).toEqual({ ok: false, code: 'photo_too_large' });
	});

	it('refuses a PNG whose header claims a canvas too large to decode', async () => {
		const bytes = await picture(4, 4, 'image/png');
		new DataView(bytes.buffer).setUint32(16, 100_000);
		new DataView(bytes.buffer).setUint32(20, 100_000);
		expect(await processPhoto(bytes)).toEqual({ ok: false, code: 'photo_too_large' });
	});

	it('refuses a broken image', async () => {
		const bytes = (await picture(100, 100, 'image/jpeg')).slice(0, 40);
		expect(await processPhoto(bytes)).toEqual({ ok: false, code: 'photo_unreadable' });
	});
});
