// Shared set-up for the browser suite: the built server on a free port with an empty data folder
// (so it seeds the Peru network), and Debian's Chromium through playwright-core.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

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

/**
 * Fails on serious or critical accessibility violations, listing them.
 * @param {import('playwright-core').Page} page
 */
export async function assertAccessible(page) {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	assert.deepEqual(
		bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		[],
		`axe on ${page.url()}`
	);
}

/** A day in Lima as 'YYYY-MM-DD', `offsetDays` from today. */
export function limaDay(offsetDays = 0) {
	const d = new Date(Date.now() + offsetDays * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(d);
}

/**
 * The first administrator's one-time link, made the way an operator makes it: with the CLI,
 * against the running server's data folder.
 * @param {{ dataDir: string, origin: string }} server
 * @param {string} email
 */
export async function adminInviteLink(server, email) {
	const { stdout } = await run(
		process.execPath,
		['--import', 'tsx', 'scripts/minka.ts', 'create-admin', '--email', email],
		{
			cwd: root,
			env: { ...process.env, DATA_DIR: server.dataDir, ORIGIN: server.origin, DATABASE_URL: '' }
		}
	);
	const link = stdout.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
	assert.ok(link, stdout);
	return link;
}

/**
 * Opens an invitation link, creates the account and lands in the workspace.
 * @param {import('playwright-core').Page} page
 * @param {string} link
 * @param {string} name
 */
export async function createAccount(page, link, name) {
	await page.goto(link);
	await page.getByRole('heading', { level: 1, name: 'Crear su cuenta' }).waitFor();
	await page.getByLabel('Su nombre').fill(name);
	await page.getByLabel('Contraseña nueva').fill('una clave larga 2026');
	await page.getByLabel('Repita la contraseña').fill('una clave larga 2026');
	await page.getByRole('button', { name: 'Crear cuenta y entrar' }).click();
	await page.waitForURL(/\/app$/);
}

/**
 * An administrator invites someone from the users page; returns the invitation link shown.
 * @param {import('playwright-core').Page} admin
 * @param {string} email
 * @param {{ role: string, coalition?: string, organization?: string }} scope
 */
export async function invite(admin, email, scope) {
	await admin.goto(admin.url().replace(/\/app.*$/, '/app/users'));
	const form = admin.locator('form[action="?/invite"]');
	await form.getByLabel('Correo electrónico').fill(email);
	await form.getByLabel('Rol').selectOption({ label: scope.role });
	if (scope.coalition) await form.getByLabel('Coalición').selectOption({ label: scope.coalition });
	if (scope.organization) {
		await form.getByLabel('Organización socia').selectOption({ label: scope.organization });
	}
	await form.getByRole('button', { name: 'Invitar' }).click();
	return admin.getByLabel('Enlace de invitación').inputValue();
}
