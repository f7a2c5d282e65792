import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	invite,
	launchBrowser,
	startServer
} from './support.js';

describe('JSON API and access tokens', () => {
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

	/** @param {string} path @param {string | null} token @param {RequestInit} [init] */
	const api = (path, token, init = {}) =>
		fetch(server.origin + '/api/v1' + path, {
			...init,
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {})
			}
		});

	it('a coordinator makes a read-only token, reads their coalition with it, and revokes it', async () => {
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'luis@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const page = await phone.newPage();
		await createAccount(page, coordinatorLink, 'Luis Huamán');
		await page
			.getByRole('navigation', { name: 'Espacio de trabajo' })
			.getByRole('link', { name: 'Tokens de API' })
			.click();
		await page.getByRole('heading', { level: 1, name: 'Tokens de acceso a la API' }).waitFor();
		await page.getByText('Todavía no tiene tokens.').waitFor();

		// A name too short is refused next to the field, and what was chosen stays.
		await page
			.locator('form[action="?/create"]')
			.getByLabel(/^Nombre/)
			.fill('x');
		await page.getByLabel('Permiso').selectOption({ label: 'Solo lectura' });
		await page.getByRole('button', { name: 'Crear token' }).click();
		await page.getByRole('alert').filter({ hasText: 'Nombre' }).first().waitFor();
		await page
			.locator('form[action="?/create"]')
			.getByLabel(/^Nombre/)
			.fill('Tablero del distrito');
		await page.getByRole('button', { name: 'Crear token' }).click();
		const secret = await page.getByLabel('Su nuevo token').inputValue();
		assert.match(secret, /^minka_[A-Za-z0-9_-]{43}$/);
		await assertAccessible(page);
		const dir = ensureScreenshotDir();
		await page.screenshot({ path: join(dir, 'api-tokens-360.png'), fullPage: true });

		// The token reads what Luis may read: his coalition only.
		const list = await api('/coalitions?limit=5', secret);
		assert.equal(list.status, 200);
		const body = await list.json();
		assert.deepEqual(
			body.data.map((/** @type {{ name: string }} */ c) => c.name),
			['Callao Norte']
		);
		assert.equal(body.next_cursor, null);
		const write = await api(`/coalitions/${body.data[0].id}/changes`, secret, {
			method: 'POST',
			body: JSON.stringify({ kind: 'policy', title: 'Ordenanza', happenedOn: '2025-01-01' })
		});
		assert.equal(write.status, 403);
		assert.equal((await write.json()).error.code, 'forbidden');

		// Listed with its last use; once revoked it opens nothing.
		// Reloading shows the list again: the form is not sent twice, the secret is gone.
		await page.reload();
		const row = page.getByRole('row', { name: /Tablero del distrito/ });
		await row.getByText('Activo').waitFor();
		assert.equal(await page.getByRole('row', { name: /Tablero del distrito/ }).count(), 1);
		assert.doesNotMatch(await row.innerText(), /Nunca/);
		assert.equal(await page.getByText(secret).count(), 0);
		await row.getByRole('button', { name: /Revocar/ }).click();
		await page.getByText('Token revocado: ya no abre la API.').waitFor();
		await page
			.getByRole('row', { name: /Tablero del distrito/ })
			.getByText('Revocado')
			.waitFor();
		const revoked = await api('/coalitions', secret);
		assert.equal(revoked.status, 401);
		assert.equal((await revoked.json()).error.code, 'unauthorized');

		// The reference, from the tokens page; the document it is read from is public.
		await page.getByRole('link', { name: 'Ver la referencia de la API' }).click();
		await page.getByRole('heading', { level: 1, name: 'Referencia de la API' }).waitFor();
		await page.getByRole('heading', { name: /GET\s*\/coalitions\/\{id\}\/meetings$/ }).waitFor();
		await assertAccessible(page);
		await page.screenshot({ path: join(dir, 'api-reference-360.png') });
		const desktop = await adminContext.newPage();
		await desktop.setViewportSize({ width: 1280, height: 900 });
		await desktop.goto(server.origin + '/app/api');
		await desktop.screenshot({ path: join(dir, 'api-reference-desktop.png') });
		await desktop.goto(server.origin + '/app/tokens');
		await desktop.screenshot({ path: join(dir, 'api-tokens-desktop.png'), fullPage: true });
		const doc = await (await fetch(server.origin + '/api/v1/openapi.json')).json();
		assert.equal(doc.openapi, '3.1.0');
		assert.ok(doc.paths['/coalitions/{id}/members'].get);
	});
});
