/**
 * A streaming ZIP writer: entries are deflated as they arrive and each one's size and CRC go in a
 * data descriptor after it, so nothing needs to be held whole in memory. It is the container an
 * XLSX file is; @e965/xlsx can only build a workbook in memory, and no streaming zip library is
 * installed, while node:zlib has everything this needs (deflate and crc32).
 *
 * Limits: no ZIP64, so each entry and the whole file must stay under 4 GiB and 65,535 entries,
 * far beyond any list a person downloads.
 */
import { Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

export interface ZipEntry {
	name: string;
	/** the entry's bytes, produced lazily */
	data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
const DEFLATE = 8;
const VERSION = 20;

/** MS-DOS time and date, which is all a zip entry can carry. */
function dosDateTime(date: Date): { time: number; day: number } {
	return {
		time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
		day: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate()
	};
}

interface Written {
	name: Uint8Array;
	crc: number;
	compressed: number;
	size: number;
	offset: number;
}

export async function* zipStream(
	entries: Iterable<ZipEntry>,
	modified = new Date()
): AsyncGenerator<Uint8Array> {
	const { time, day } = dosDateTime(modified);
	const written: Written[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = new TextEncoder().encode(entry.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(VERSION, 4);
		local.writeUInt16LE(FLAGS, 6);
		local.writeUInt16LE(DEFLATE, 8);
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(day, 12);
		// crc and sizes (14..25) stay zero: the data descriptor carries them
		local.writeUInt16LE(name.length, 26);
		yield local;
		yield name;

		let crc = 0;
		let size = 0;
		let compressed = 0;
		const source = entry.data;
		const counted = Readable.from(
			(async function* () {
				for await (const chunk of source) {
					crc = crc32(chunk, crc);
					size += chunk.length;
					yield chunk;
				}
			})()
		);
		const deflate = createDeflateRaw();
		counted.pipe(deflate);
		for await (const chunk of deflate as AsyncIterable<Buffer>) {
			compressed += chunk.length;
			yield chunk;
		}

		const descriptor = Buffer.alloc(16);
		descriptor.writeUInt32LE(0x08074b50, 0);
		descriptor.writeUInt32LE(crc >>> 0, 4);
		descriptor.writeUInt32LE(compressed, 8);
		descriptor.writeUInt32LE(size, 12);
		yield descriptor;
		written.push({ name, crc, compressed, size, offset });
		offset += 30 + name.length + compressed + 16;
		if (offset > 0xffffffff) throw new Error('zip_too_large');
	}

	const directoryStart = offset;
	let directorySize = 0;
	for (const w of written) {
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(VERSION, 4);
		header.writeUInt16LE(VERSION, 6);
		header.writeUInt16LE(FLAGS, 8);
		header.writeUInt16LE(DEFLATE, 10);
		header.writeUInt16LE(time, 12);
		header.writeUInt16LE(day, 14);
		header.writeUInt32LE(w.crc >>> 0, 16);
		header.writeUInt32LE(w.compressed, 20);
		header.writeUInt32LE(w.size, 24);
		header.writeUInt16LE(w.name.length, 28);
		header.writeUInt32LE(w.offset, 42);
		yield header;
		yield w.name;
		directorySize += 46 + w.name.length;
	}
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(written.length, 8);
	end.writeUInt16LE(written.length, 10);
	end.writeUInt32LE(directorySize, 12);
	end.writeUInt32LE(directoryStart, 16);
	yield end;
}
