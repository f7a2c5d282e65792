// Shared set-up for the browser suite: the built server on a free port with an empty data folder
// (so it seeds the Peru network), and Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('../..', import.meta.url).pathname;
export const screenshotDir = join(root, 'test-results');

async function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** Starts `node build`; returns its origin and a stop function. */
export async function startServer(env = {}) {
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'minka-e2e-'));
	const child = spawn(process.execPath, [join(root, 'build', 'index.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			BODY_SIZE_LIMIT: '40M',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			const res = await fetch(origin + '/');
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		origin,
		dataDir,
		output: () => output,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
		}
	};
}

export async function launchBrowser() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	// A missing element fails the test in seconds instead of hanging the suite.
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		context.setDefaultTimeout(10_000);
		context.setDefaultNavigationTimeout(20_000);
		return context;
	};
	return browser;
}

export function ensureScreenshotDir() {
	mkdirSync(screenshotDir, { recursive: true });
	return screenshotDir;
}
