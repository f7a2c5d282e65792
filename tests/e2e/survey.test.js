import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	invite,
	launchBrowser,
	startServer
} from './support.js';

const root = new URL('../..', import.meta.url).pathname;

const SUBSTANCES = ['alcohol', 'tobacco', 'marijuana', 'rx'];
const ITEMS = SUBSTANCES.flatMap((s) => [
	`${s}_days_30`,
	`${s}_risk`,
	`${s}_parent_wrong`,
	`${s}_peer_wrong`
]);
const HEADER = ['grade', 'sex', 'age', ...ITEMS];

/**
 * A made-up answer for student i: varied enough that every measure has students on both sides.
 * @param {string} item
 * @param {number} i
 */
function answer(item, i) {
	if (item.endsWith('_days_30')) return String(i % 4 === 0 ? 3 : 0);
	return String((i % 4) + 1);
}

/** @param {string[][]} rows */
function csv(rows) {
	return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/** 24 students, 12 in 1° and 12 in 3° de secundaria, with every answer valid. */
function goodRows() {
	return Array.from({ length: 24 }, (_, i) => [
		i < 12 ? '1S' : '3S',
		i % 2 ? 'M' : 'F',
		String(i < 12 ? 12 : 14),
		...ITEMS.map((item) => answer(item, i))
	]);
}

/**
 * Step 1 of the upload page: a year and a file, then "check the file".
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
async function preview(page, file) {
	await page.getByRole('textbox', { name: 'Año de la encuesta' }).fill('2025');
	await page.locator('input[type="file"]').setInputFiles(file);
	await page.getByRole('button', { name: 'Revisar el archivo' }).click();
}

describe('youth survey upload', () => {
	/** @type {Awaited<ReturnType<typeof startServer>>} */
	let server;
	/** @type {import('playwright-core').Browser} */
	let browser;
	const dir = mkdtempSync(join(tmpdir(), 'minka-survey-'));
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('a coordinator sees problems, is refused a bad file, saves a good one once', async () => {
		const withProblems = join(dir, 'con-observaciones.csv');
		const rows = goodRows().slice(0, 4);
		rows[1][HEADER.indexOf('alcohol_risk')] = '7';
		rows[2][0] = '';
		writeFileSync(withProblems, csv([HEADER, ...rows]));
		const missing = join(dir, 'sin-columna.csv');
		const without = HEADER.indexOf('tobacco_peer_wrong');
		writeFileSync(
			missing,
			csv([HEADER, ...goodRows()].map((r) => r.filter((_, i) => i !== without)))
		);
		const good = join(dir, 'encuesta-2025.csv');
		writeFileSync(good, csv([HEADER, ...goodRows()]));

		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const admin = await (await browser.newContext()).newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'luis@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const page = await phone.newPage();
		await createAccount(page, coordinatorLink, 'Luis Huamán');
		await page.goto(server.origin + '/app/coalitions');
		await page.getByRole('link', { name: 'Callao Norte' }).click();
		await page
			.getByRole('navigation', { name: /Secciones de la coalición/ })
			.getByRole('link', { name: 'Datos locales', exact: true })
			.click();
		await page.getByText('Todavía no hay resultados de encuesta para esta coalición.').waitFor();
		await page.getByRole('link', { name: 'Subir el archivo de una encuesta' }).click();

		// Row problems: listed with their line numbers, and nothing saved before confirming.
		await preview(page, withProblems);
		await page.getByRole('heading', { name: 'Informe del archivo' }).waitFor();
		const problems = page.getByRole('region', { name: 'Observaciones por fila' });
		await problems
			.getByRole('row')
			.filter({ hasText: 'alcohol_risk' })
			.filter({ hasText: 'Respuesta no válida' })
			.filter({ has: page.getByRole('cell', { name: '3', exact: true }) })
			.waitFor();
		await problems
			.getByRole('row')
			.filter({ hasText: 'Falta el grado' })
			.filter({ has: page.getByRole('cell', { name: '4', exact: true }) })
			.waitFor();
		await page.getByText('1 fila sin grado válido no se cuenta').waitFor();
		await assertAccessible(page);

		// A missing required column: refused, the mapping step is offered, nothing stored.
		await preview(page, missing);
		await page.getByRole('alert').filter({ hasText: 'El archivo no se guardó' }).waitFor();
		await page.getByText('Faltan columnas obligatorias').first().waitFor();
		assert.equal(await page.getByLabel('tobacco_peer_wrong').getAttribute('aria-invalid'), 'true');
		await page.goto(page.url().replace(/\/upload.*$/, ''));
		await page.getByText('Todavía no hay resultados de encuesta para esta coalición.').waitFor();

		// A good file: report, confirm, then the table and the charts.
		await page.getByRole('link', { name: 'Subir el archivo de una encuesta' }).click();
		await preview(page, good);
		await page.getByText('24 estudiantes contados').waitFor();
		await page.getByText('No se encontraron observaciones').waitFor();
		await page.getByRole('button', { name: 'Guardar los resultados' }).click();
		await page.waitForURL(/\/data\?saved=1/);
		await page.getByRole('status').filter({ hasText: 'Resultados guardados.' }).waitFor();
		const table = page.getByRole('table', { name: /Medidas básicas por grado, año 2025/ });
		await table.getByRole('columnheader', { name: '1.° de secundaria' }).waitFor();
		await table.getByRole('columnheader', { name: '3.° de secundaria' }).waitFor();
		// Alcohol use in the past 30 days: students 0, 4, 8, … (6 of 24) used it.
		const alcohol = table.getByRole('row', { name: /Consumo en los últimos 30 días: Alcohol/ });
		assert.match((await alcohol.textContent()) ?? '', /25 %\s*\(6\/24\)/);
		assert.ok((await page.getByRole('img').count()) >= 16);
		await page
			.getByRole('img', { name: 'Consumo en los últimos 30 días: Alcohol' })
			.first()
			.waitFor();
		await page.getByRole('cell', { name: 'encuesta-2025.csv' }).waitFor();
		await assertAccessible(page);
		await page.screenshot({
			path: join(root, 'test-results', 'survey-data-tab.png'),
			fullPage: true
		});
		const before = await table.textContent();

		// The same file again: recognized, and nothing is counted twice.
		await page.getByRole('link', { name: 'Subir el archivo de una encuesta' }).click();
		await preview(page, good);
		await page.getByRole('alert').filter({ hasText: 'Este archivo ya se importó' }).waitFor();
		await page.getByText('No se ha contado dos veces').waitFor();
		await page.getByRole('link', { name: 'Volver a los datos locales' }).click();
		assert.equal(await table.textContent(), before);
		assert.equal(await page.getByRole('cell', { name: 'encuesta-2025.csv' }).count(), 1);

		// The network view pools the coalitions; administrators set the minimum cell size.
		await admin.goto(server.origin + '/app/data');
		const network = admin.getByRole('table', { name: /año 2025/ });
		await network.getByRole('link', { name: 'Callao Norte' }).waitFor();
		assert.match(
			(await network.getByRole('row', { name: /Toda la red/ }).textContent()) ?? '',
			/25 %\s*\(6\/24\)/
		);
		await admin.getByRole('radio', { name: 'Por región' }).check();
		await admin.getByRole('button', { name: 'Ver', exact: true }).click();
		await admin.getByRole('columnheader', { name: 'Región' }).waitFor();
		await assertAccessible(admin);
		await admin.getByLabel('Mínimo de respuestas válidas para mostrar una cifra').fill('3');
		await admin.getByRole('button', { name: 'Guardar la configuración' }).click();
		await admin.getByRole('alert').filter({ hasText: 'Escriba un número válido' }).waitFor();
		await admin.getByLabel('Mínimo de respuestas válidas para mostrar una cifra').fill('20');
		await admin.getByRole('button', { name: 'Guardar la configuración' }).click();
		await admin.getByRole('status').filter({ hasText: 'Cambios guardados.' }).waitFor();
		assert.equal(
			await admin.getByLabel('Mínimo de respuestas válidas para mostrar una cifra').inputValue(),
			'20'
		);
	});
});
