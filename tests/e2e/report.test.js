import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	launchBrowser,
	limaDay,
	startServer
} from './support.js';

const run = promisify(execFile);

/**
 * Prints the page to an A4 PDF the way a browser's "Save as PDF" does and returns its text.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function printedText(page, name) {
	const file = join(mkdtempSync(join(tmpdir(), 'minka-report-')), 'report.pdf');
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	writeFileSync(file, pdf);
	// Kept next to the screenshots, for a person to look at.
	writeFileSync(join(ensureScreenshotDir(), name), pdf);
	const { stdout } = await run('pdftotext', ['-layout', file, '-']);
	return { text: stdout, pages: stdout.split('\f').filter((p) => p.trim()).length };
}

describe('dashboard and funder report', () => {
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

	it('an administrator reads the dashboard and prints the funder report in Spanish and English', async () => {
		const shots = ensureScreenshotDir();
		const link = await adminInviteLink(server, 'hub@creser.example');
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await createAccount(page, link, 'Hub Admin');

		await page
			.getByRole('navigation', { name: 'Espacio de trabajo' })
			.getByRole('link', { name: 'Tablero' })
			.click();
		await page.getByRole('heading', { level: 1, name: 'Tablero de la red' }).waitFor();
		for (const name of [
			'Crecimiento de la red',
			'Dónde trabajan',
			'Efecto multiplicador',
			'Integrantes por sector',
			'Etapas de desarrollo',
			'Capacitación y asistencia técnica',
			'Actividades por estrategia',
			'Cambios en la comunidad',
			'Medidas centrales'
		]) {
			await page.getByRole('heading', { level: 2, name }).waitFor();
		}
		// The Peru network's coalitions are on the map and in the growth chart's table.
		const coalitions = Number(
			(
				await page.getByText('Coaliciones', { exact: true }).locator('xpath=../dd').innerText()
			).replace(/\D/g, '')
		);
		assert.ok(coalitions > 10, `coalitions: ${coalitions}`);
		await page.getByRole('img', { name: 'Crecimiento de la red' }).first().waitFor();
		await assertAccessible(page);
		await page.screenshot({ path: join(shots, 'dashboard-desktop.png'), fullPage: true });

		// A filter narrows the figures; the GET form keeps it in the address.
		await page.getByLabel('Fase').selectOption({ index: 1 });
		await page.getByRole('button', { name: 'Aplicar' }).click();
		await page.waitForURL(/phase=/);
		const filtered = Number(
			(
				await page.getByText('Coaliciones', { exact: true }).locator('xpath=../dd').innerText()
			).replace(/\D/g, '')
		);
		assert.ok(filtered > 0 && filtered < coalitions, `filtered: ${filtered} of ${coalitions}`);

		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		await phone.addCookies(await context.cookies());
		const small = await phone.newPage();
		await small.goto(server.origin + '/app/dashboard');
		await small.getByRole('heading', { level: 1, name: 'Tablero de la red' }).waitFor();
		await assertAccessible(small);
		await small.screenshot({ path: join(shots, 'dashboard-360.png'), fullPage: true });
		// Wide charts and tables scroll inside their own boxes; the page itself never sideways.
		const sideways = () => small.evaluate(() => document.documentElement.scrollWidth);
		assert.equal(await sideways(), 360);
		await small.goto(
			server.origin + '/app/reports/funder?from=2004-01-01&to=2026-11-27&scope=network'
		);
		await small.getByRole('heading', { level: 2, name: 'Personas alcanzadas' }).waitFor();
		await assertAccessible(small);
		assert.equal(await sideways(), 360);
		await phone.close();

		// The funder report: a period for the whole network, in Spanish.
		await page.getByRole('link', { name: 'Preparar un informe para financiadores' }).click();
		await page.getByRole('heading', { level: 1, name: 'Informe para financiadores' }).waitFor();
		await page.getByLabel('Desde').fill('2004-01-01');
		await page.getByLabel('Hasta').fill(limaDay());
		await page.getByRole('radio', { name: 'Toda la red' }).check();
		await page.getByRole('radio', { name: 'Español' }).check();
		await assertAccessible(page);
		await page.getByRole('button', { name: 'Ver el informe' }).click();
		await page.waitForURL(/\/app\/reports\/funder\?/);
		await page.getByRole('heading', { level: 2, name: 'Coaliciones activas' }).waitFor();
		await assertAccessible(page);
		await page.screenshot({ path: join(shots, 'report-es.png'), fullPage: true });

		const es = await printedText(page, 'report-es.pdf');
		for (const heading of [
			'Informe para financiadores',
			'Coaliciones activas',
			'Integrantes por sector',
			'Capacitación y asistencia técnica',
			'Actividades por estrategia',
			'Personas alcanzadas',
			'Cambios en la comunidad',
			'Medidas centrales',
			'Historias seleccionadas'
		]) {
			assert.ok(es.text.includes(heading), `PDF (es) lacks "${heading}"`);
		}
		// Nothing of the workspace around the report is printed, and sections start new pages.
		assert.ok(!es.text.includes('Cerrar sesión'), 'the workspace header is printed');
		assert.ok(!es.text.includes('Ver como tabla'), 'a table toggle is printed');
		assert.ok(es.pages >= 8, `pages: ${es.pages}`);

		// Invalid dates come back to the form with the error next to the field.
		await page.goto(
			server.origin + '/app/reports/funder?from=2026-02-01&to=2025-01-01&scope=network'
		);
		await page
			.getByText('La fecha de término no puede ser anterior a la de inicio.')
			.first()
			.waitFor();
		assert.equal(await page.getByLabel('Hasta').inputValue(), '2025-01-01');

		// The same report in English: the language choice moves it to the English address.
		await page.goto(server.origin + '/app/reports');
		await page.getByLabel('Desde').fill('2004-01-01');
		await page.getByLabel('Hasta').fill(limaDay());
		await page.getByRole('radio', { name: 'English' }).check();
		await page.getByRole('button', { name: 'Ver el informe' }).click();
		await page.waitForURL(/\/en\/app\/reports\/funder\?/);
		await page.getByRole('heading', { level: 1, name: 'Funder report' }).waitFor();
		const en = await printedText(page, 'report-en.pdf');
		for (const heading of [
			'Funder report',
			'Active coalitions',
			'Members by sector',
			'Training and technical assistance',
			'Activities by strategy',
			'People reached',
			'Community changes',
			'Core measures',
			'Selected stories'
		]) {
			assert.ok(en.text.includes(heading), `PDF (en) lacks "${heading}"`);
		}
		assert.ok(!en.text.includes('Coaliciones activas'), 'Spanish left in the English report');
		await context.close();
	});
});
