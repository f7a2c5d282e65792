// `npm run budget`: builds the app, serves it with a fresh database, fetches every public page as
// a browser on a phone would (accepting br/gzip), and prints the bytes sent by type against the
// budgets: 100 KB compressed per page in total (HTML, CSS, JS, SVG; photos aside), 40 KB of JS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const TOTAL_BUDGET = 100 * 1024;
const JS_BUDGET = 40 * 1024;

function freePort() {
	return new Promise((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** GET without decoding: the byte count is what crosses the network. */
function get(url) {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: raw.length, raw });
			});
		});
		req.on('error', reject);
		req.end();
	});
}

async function decoded(res) {
	const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
	const enc = res.headers['content-encoding'];
	const buf =
		enc === 'br' ? brotliDecompressSync(res.raw) : enc === 'gzip' ? gunzipSync(res.raw) : res.raw;
	return buf.toString('utf8');
}

function typeOf(path, contentType = '') {
	if (/\.m?js(\?|$)/.test(path) || contentType.includes('javascript')) return 'js';
	if (/\.css(\?|$)/.test(path) || contentType.includes('css')) return 'css';
	if (/\.svg(\?|$)/.test(path) || contentType.includes('svg')) return 'svg';
	if (/\.(png|jpe?g|webp|avif|gif)(\?|$)/.test(path)) return 'photo';
	return 'other';
}

function assetsIn(html) {
	const found = new Set();
	const patterns = [
		/<link[^>]+href="([^"]+)"[^>]*>/g,
		/<script[^>]+src="([^"]+)"/g,
		/<img[^>]+src="([^"]+)"/g,
		/import\("([^"]+)"\)/g
	];
	for (const re of patterns) for (const m of html.matchAll(re)) found.add(m[1]);
	return [...found].filter((h) => !h.startsWith('http') && !h.startsWith('data:'));
}

if (!process.argv.includes('--no-build')) {
	const built = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'build/index.js')], {
	cwd: root,
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATA_DIR: mkdtempSync(join(tmpdir(), 'minka-budget-')),
		DATABASE_URL: ''
	},
	stdio: 'ignore'
});
try {
	for (let i = 0; ; i++) {
		try {
			if ((await get(origin + '/')).status === 200) break;
		} catch {
			if (i > 150) throw new Error('server did not start');
		}
		await new Promise((r) => setTimeout(r, 200));
	}

	const directory = await decoded(await get(origin + '/coalitions'));
	const profile = directory.match(/href="(\/coalitions\/[^"?]+)"/)?.[1];
	const stories = await decoded(await get(origin + '/stories'));
	const story = stories.match(/href="(\/stories\/[^"]+)"/)?.[1];
	const pages = ['/', '/en', '/coalitions', '/coalitions?q=lima', '/en/coalitions'];
	if (profile) pages.push(profile, '/en' + profile);
	pages.push('/stories', '/en/stories');
	if (story) pages.push(story, '/en' + story);
	pages.push('/contact', '/en/contact');

	const kb = (n) => (n / 1024).toFixed(1).padStart(6);
	const rows = [];
	let failed = 0;
	for (const path of pages) {
		const page = await get(origin + path);
		if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
		const html = await decoded(page);
		const bytes = { html: page.bytes, css: 0, js: 0, svg: 0, photo: 0, other: 0 };
		for (const asset of assetsIn(html)) {
			const url = new URL(asset, origin + path).href;
			const res = await get(url);
			bytes[typeOf(url, res.headers['content-type'])] += res.bytes;
		}
		const total = bytes.html + bytes.css + bytes.js + bytes.svg + bytes.other;
		const ok = total <= TOTAL_BUDGET && bytes.js <= JS_BUDGET;
		if (!ok) failed++;
		rows.push(
			`${path.padEnd(52)} ${kb(bytes.html)} ${kb(bytes.css)} ${kb(bytes.js)} ${kb(bytes.svg)} ${kb(total)}  ${ok ? 'ok' : 'OVER'}`
		);
	}
	console.log(
		`Compressed bytes per public page (KB). Budgets: total ≤ ${TOTAL_BUDGET / 1024}, JS ≤ ${JS_BUDGET / 1024}; photos aside; inline SVG counts in HTML.`
	);
	console.log(
		`${'page'.padEnd(52)} ${'html'.padStart(6)} ${'css'.padStart(6)} ${'js'.padStart(6)} ${'svg'.padStart(6)} ${'total'.padStart(6)}`
	);
	for (const row of rows) console.log(row);
	console.log(failed ? `${failed} page(s) over budget` : `all ${rows.length} pages within budget`);
	process.exitCode = failed ? 1 : 0;
} finally {
	server.kill('SIGTERM');
}
