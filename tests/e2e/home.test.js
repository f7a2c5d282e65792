import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, startServer } from './support.js';

describe('the home page', () => {
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

	it('shows the Peru network from the database in Spanish and English', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/');
		assert.equal(await page.getAttribute('html', 'lang'), 'es');
		await page.getByRole('heading', { level: 1, name: /Perú/ }).waitFor();
		await page.getByText('Lima Metropolitana').first().waitFor();
		await page.goto(server.origin + '/en/');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		await page.getByText('Coastal Region').first().waitFor();
		await context.close();
	});
});
