import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as XLSX from '@e965/xlsx';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	invite,
	launchBrowser,
	startServer
} from './support.js';

/**
 * Clicks a download link and returns the file's bytes and suggested name.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} name
 */
async function download(page, name) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** @param {Buffer} bytes */
function csvLines(bytes) {
	assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
	return bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
}

describe('exports', () => {
	/** @type {Awaited<ReturnType<typeof startServer>>} */
	let server;
	/** @type {import('playwright-core').Browser} */
	let browser;
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.stop();
	});

	it("downloads the list on screen, with its filters, in the reader's scope and language", async () => {
		const shots = ensureScreenshotDir();
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const admin = await desk.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'luis@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		// The administrator filters the registry, then downloads what is on screen.
		await admin.goto(server.origin + '/app/coalitions');
		await admin.getByLabel('Buscar').fill('callao');
		await admin.getByRole('button', { name: 'Aplicar' }).click();
		await admin.waitForURL(/q=callao/);
		const shown = await admin.locator('table tbody tr').count();
		assert.ok(shown > 0);
		await assertAccessible(admin);
		await admin.screenshot({ path: join(shots, 'exports-coalitions-desktop.png'), fullPage: true });

		const csv = await download(admin, 'Descargar esta lista en CSV');
		assert.match(csv.name, /^coalitions-\d{4}-\d{2}-\d{2}\.csv$/);
		const lines = csvLines(csv.bytes);
		assert.equal(lines[0], 'Nombre,Lugar,Fase,Estado,Año de fundación,Última modificación');
		assert.equal(lines.length - 1, shown, 'one line per coalition the filtered page lists');
		for (const line of lines.slice(1)) assert.match(line.toLowerCase(), /callao/);

		const xlsx = await download(admin, 'Descargar esta lista en Excel (XLSX)');
		assert.match(xlsx.name, /\.xlsx$/);
		const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
		const rows = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]]);
		assert.equal(rows.length, shown);
		assert.equal(book.SheetNames[0], 'Coaliciones');

		// In English, the headers are English.
		await admin.goto(server.origin + '/en/app/coalitions?q=callao');
		const english = csvLines((await download(admin, 'Download this list as CSV')).bytes);
		assert.match(english[0], /^Name,/);

		// The coordinator, on a phone, downloads the registry: only their own coalition is in it.
		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const coordinator = await phone.newPage();
		await createAccount(coordinator, coordinatorLink, 'Luis Huamán');
		await coordinator.goto(server.origin + '/app/coalitions');
		await coordinator.getByRole('link', { name: 'Descargar esta lista en CSV' }).waitFor();
		await coordinator.screenshot({
			path: join(shots, 'exports-coalitions-phone.png'),
			fullPage: true
		});
		await assertAccessible(coordinator);
		const own = csvLines((await download(coordinator, 'Descargar esta lista en CSV')).bytes);
		assert.equal(own.length, 2);
		assert.match(own[1], /^Callao Norte,/);

		// Another coalition's members: "not found" for the coordinator, a private file for the hub.
		await admin.goto(server.origin + '/app/coalitions?q=huaro');
		const huaroHref = await admin.getByRole('link', { name: 'Huaro' }).getAttribute('href');
		const membersUrl = server.origin + huaroHref + '/members/export.csv';
		assert.equal((await coordinator.request.get(membersUrl)).status(), 404);
		const answer = await admin.request.get(membersUrl);
		assert.equal(answer.status(), 200);
		assert.equal(answer.headers()['cache-control'], 'private, no-store');
		await desk.close();
		await phone.close();
	});
});
