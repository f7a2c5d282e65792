import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { assertAccessible, ensureScreenshotDir, launchBrowser, startServer } from './support.js';

/** Fails on serious or critical accessibility violations, listing them. */
describe('the public site', () => {
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

	it('shows the program page in Spanish and English, accessible, and writes screenshots', async () => {
		const dir = ensureScreenshotDir();
		for (const width of [360, 1280]) {
			const context = await browser.newContext({ viewport: { width, height: 900 } });
			const page = await context.newPage();
			await page.goto(server.origin + '/');
			assert.equal(await page.getAttribute('html', 'lang'), 'es');
			await page.getByRole('heading', { level: 1, name: /Coaliciones Comunitarias/ }).waitFor();
			await page.getByRole('heading', { name: 'Cómo creció la red' }).waitFor();
			await page.getByRole('heading', { name: /Fase 1: Piloto en Lima/ }).waitFor();
			await page.getByRole('img', { name: /Coaliciones nuevas por año/ }).waitFor();
			await page.getByRole('group', { name: /Mapa de las coaliciones/ }).waitFor();
			await page
				.getByRole('link', { name: 'Lidia Carrasco cruza fronteras por su comunidad' })
				.waitFor();
			await page.screenshot({ path: join(dir, `home-${width}.png`), fullPage: true });
			if (width === 1280) await assertAccessible(page);
			await context.close();
		}
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/en/');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		await page.getByRole('heading', { name: 'How the network grew' }).waitFor();
		await page.getByRole('heading', { name: 'Coastal Region' }).waitFor();
		await assertAccessible(page);
		await context.close();
	});

	it('follows the directory to a profile and switches language there', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/');
		const region = page.getByRole('region', { name: 'Región Costa' });
		await region.getByRole('link', { name: 'Alto Libertad' }).click();
		await page.getByRole('heading', { level: 1, name: 'Coalición Alto Libertad' }).waitFor();
		assert.match(page.url(), /\/coalitions\/alto-libertad$/);
		await page.getByText('Región Costa › Arequipa › Cerro Colorado › Alto Libertad').waitFor();
		await page.getByRole('group', { name: /Ubicación de la coalición Alto Libertad/ }).waitFor();
		await assertAccessible(page);

		await page.getByRole('link', { name: 'Read this page in English' }).click();
		assert.match(page.url(), /\/en\/coalitions\/alto-libertad$/);
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		await page.getByRole('heading', { level: 1, name: 'Alto Libertad coalition' }).waitFor();
		await page.getByText('Coastal Region › Arequipa › Cerro Colorado › Alto Libertad').waitFor();
		await page.getByRole('link', { name: 'Leer esta página en español' }).click();
		assert.match(page.url(), /\/coalitions\/alto-libertad$/);
		assert.equal(await page.getAttribute('html', 'lang'), 'es');
		await context.close();
	});

	it('works with JavaScript disabled: directory, search, profile and story', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(server.origin + '/');
		assert.equal(await page.locator('script').count(), 0, 'public pages send no script');
		await page
			.getByRole('region', { name: 'Lima Metropolitana' })
			.getByRole('link', { name: 'Nicolás de Piérola' })
			.click();
		await page.getByRole('heading', { level: 1, name: 'Coalición Nicolás de Piérola' }).waitFor();
		await page.getByRole('link', { name: 'Coaliciones', exact: true }).first().click();
		await page.getByRole('searchbox', { name: 'Buscar una coalición' }).fill('mariategui');
		await page.getByRole('button', { name: 'Buscar' }).click();
		await page.getByRole('heading', { name: /3 resultados para «mariategui»/ }).waitFor();
		await page.getByRole('link', { name: 'Mariátegui', exact: true }).click();
		await page.getByText('Tingo María').first().waitFor();
		await page.goto(server.origin + '/stories');
		await page.getByRole('link', { name: /Lidia Carrasco/ }).click();
		await page.getByRole('heading', { level: 1, name: /Lidia Carrasco/ }).waitFor();
		await page.getByText('Mid-Year Training Institute').waitFor();
		await context.close();
	});

	// axe runs inside the page, so it needs JavaScript; these are the pages not checked above.
	it('keeps the search results, stories and story pages accessible', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		for (const path of ['/coalitions?q=mariategui', '/coalitions', '/stories', '/en/stories']) {
			await page.goto(server.origin + path);
			await assertAccessible(page);
		}
		await page.goto(server.origin + '/stories');
		await page.getByRole('link', { name: /Lidia Carrasco/ }).click();
		await assertAccessible(page);
		await context.close();
	});

	it('answers a missing coalition with a translated 404 page', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const res = await page.goto(server.origin + '/en/coalitions/no-such-coalition');
		assert.equal(res?.status(), 404);
		await page.getByRole('heading', { name: 'We could not find this page' }).waitFor();
		await context.close();
	});

	it('sends the security headers on public and workspace pages', async () => {
		for (const path of ['/', '/login', '/contact']) {
			const res = await fetch(server.origin + path);
			const csp = res.headers.get('content-security-policy') ?? '';
			assert.match(csp, /frame-ancestors 'none'/, path);
			const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
			assert.doesNotMatch(scriptSrc, /unsafe-inline/, path);
			assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
			assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
		}
	});

	it('lets a repeat visit cost a 304', async () => {
		const first = await fetch(server.origin + '/', { headers: { 'accept-encoding': 'br' } });
		assert.equal(first.status, 200);
		const etag = first.headers.get('etag');
		assert.ok(etag);
		assert.match(first.headers.get('cache-control') ?? '', /public/);
		const again = await fetch(server.origin + '/', { headers: { 'if-none-match': etag } });
		assert.equal(again.status, 304);
	});
});
