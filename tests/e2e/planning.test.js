import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	invite,
	launchBrowser,
	limaDay,
	startServer
} from './support.js';

const run = promisify(execFile);

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
function tab(page, name) {
	return page
		.getByRole('navigation', { name: /Secciones de la coalición/ })
		.getByRole('link', { name, exact: true });
}

/**
 * Opens the "add" disclosure `label` under the item whose text is `parent` (at the top when
 * none) and returns its form.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 * @param {string} [parent]
 */
async function openAdd(page, label, parent) {
	const name = parent ? `${label}: ${parent}` : label;
	await page.locator('summary').filter({ hasText: name }).click();
	return page.getByRole('form', { name, exact: true });
}

describe('plans: logic model and action plan', () => {
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

	it('a coordinator builds a logic model the hub approves, prints it and plans a task', async () => {
		const shots = ensureScreenshotDir();
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'rosa@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		// The coordinator, on a phone.
		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const coordinator = await phone.newPage();
		await createAccount(coordinator, coordinatorLink, 'Rosa Quispe');
		await coordinator.goto(server.origin + '/app/coalitions');
		await coordinator.getByRole('link', { name: 'Callao Norte' }).click();
		await tab(coordinator, 'Plan').click();
		await coordinator.getByText('Todavía no hay ningún modelo lógico.').waitFor();
		await assertAccessible(coordinator);
		await coordinator.getByLabel('Título de la versión').fill('Plan 2026');
		await coordinator.getByRole('button', { name: 'Empezar la nueva versión' }).click();
		await coordinator.getByRole('heading', { level: 1, name: 'Plan 2026' }).waitFor();
		const builderUrl = coordinator.url().replace(/\?.*$/, '');

		let form = await openAdd(coordinator, 'Agregar un problema');
		await form.getByLabel('Texto en español').fill('Consumo de alcohol en adolescentes');
		await form.getByRole('button', { name: 'Agregar un problema' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();

		form = await openAdd(
			coordinator,
			'Agregar una causa raíz',
			'Consumo de alcohol en adolescentes'
		);
		await form.getByLabel('Texto en español').fill('Fácil acceso al alcohol');
		await form.getByRole('button', { name: 'Agregar una causa raíz' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();

		form = await openAdd(coordinator, 'Agregar una condición local', 'Fácil acceso al alcohol');
		await form
			.getByLabel('Texto en español')
			.fill('Bodegas cerca de los colegios venden a menores');
		await form.getByRole('button', { name: 'Agregar una condición local' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();

		// A strategy without one of the seven is refused next to the field; the text stays.
		form = await openAdd(
			coordinator,
			'Agregar una estrategia',
			'Bodegas cerca de los colegios venden a menores'
		);
		await form.getByLabel('Texto en español').fill('Ordenanza de horarios de venta');
		await form.getByRole('button', { name: 'Agregar una estrategia' }).click();
		form = coordinator.getByRole('form', {
			name: 'Agregar una estrategia: Bodegas cerca de los colegios venden a menores'
		});
		await coordinator
			.getByText('Elija una de las siete estrategias para el cambio comunitario.')
			.first()
			.waitFor();
		assert.equal(
			await form.getByLabel('Texto en español').inputValue(),
			'Ordenanza de horarios de venta'
		);
		const strategyField = form.getByLabel('Estrategia para el cambio comunitario');
		assert.equal(await strategyField.getAttribute('aria-invalid'), 'true');
		await assertAccessible(coordinator);
		await strategyField.selectOption({ label: 'Modificar o cambiar políticas y normas' });
		await form.getByRole('button', { name: 'Agregar una estrategia' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();

		form = await openAdd(coordinator, 'Agregar una actividad', 'Ordenanza de horarios de venta');
		await form.getByLabel('Texto en español').fill('Presentar la propuesta al concejo municipal');
		await form.getByRole('button', { name: 'Agregar una actividad' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();

		form = await openAdd(coordinator, 'Agregar un resultado', 'Ordenanza de horarios de venta');
		await form.getByLabel('Texto en español').fill('Menos venta de alcohol a menores');
		await form.getByLabel('Plazo').selectOption({ label: 'Mediano plazo' });
		await form.getByLabel('Indicador').selectOption({ index: 1 });
		// The option reads "name (recorded: …)" when the coalition has a baseline; the name is enough.
		const indicator = (await form.getByLabel('Indicador').locator('option:checked').innerText())
			.split(' (')[0]
			.trim();
		await form.getByLabel('Línea de base').fill('40');
		await form.getByLabel('Meta').fill('25');
		await form.getByRole('button', { name: 'Agregar un resultado' }).click();
		await coordinator.getByText('Elemento agregado.').waitFor();
		await coordinator.getByText('Modificar o cambiar políticas y normas').first().waitFor();
		await coordinator.locator('dd').filter({ hasText: indicator }).first().waitFor();
		await assertAccessible(coordinator);
		await coordinator.screenshot({ path: join(shots, 'planning-builder-360.png'), fullPage: true });

		// Coordinators draft; they do not approve their own plan.
		assert.equal(
			await coordinator.getByRole('button', { name: 'Aprobar esta versión' }).count(),
			0
		);

		// The hub approves; the version is then read-only for everyone.
		await admin.goto(builderUrl);
		await admin.getByRole('button', { name: 'Aprobar esta versión' }).click();
		await admin.getByText('Versión aprobada: ahora es el plan vigente.').waitFor();
		await admin.getByText('Aprobada (vigente)').first().waitFor();

		await coordinator.goto(builderUrl);
		await coordinator.getByText(/Esta versión ya no se modifica/).waitFor();
		assert.equal(await coordinator.locator('summary').filter({ hasText: 'Editar' }).count(), 0);
		assert.equal(await coordinator.locator('form[action="?/add"]').count(), 0);

		// The one-page view reads left to right and prints on one landscape sheet.
		const reader = await phone.newPage();
		await reader.setViewportSize({ width: 1280, height: 900 });
		await reader.goto(builderUrl + '/print');
		const headers = await reader.getByRole('columnheader').allInnerTexts();
		assert.deepEqual(
			headers.map((h) => h.trim()),
			[
				'Problema',
				'Causas raíz',
				'Condiciones locales',
				'Estrategias',
				'Actividades',
				'Resultados (indicador, línea de base, meta)'
			]
		);
		const row = reader.getByRole('row').nth(1);
		assert.match(
			await row.innerText(),
			/Consumo de alcohol[\s\S]*Fácil acceso[\s\S]*Bodegas[\s\S]*Ordenanza[\s\S]*Presentar[\s\S]*Menos venta/
		);
		assert.equal(await reader.getByRole('row').count(), 2);
		await reader.getByText('Línea de base 40 → meta 25').waitFor();
		await assertAccessible(reader);
		await reader.screenshot({ path: join(shots, 'planning-print.png'), fullPage: true });
		await reader.emulateMedia({ media: 'print' });
		await reader.screenshot({ path: join(shots, 'planning-print-media.png'), fullPage: true });
		const pdfPath = join(shots, 'planning-logic-model.pdf');
		writeFileSync(pdfPath, await reader.pdf({ preferCSSPageSize: true, printBackground: true }));
		const { stdout: info } = await run('pdfinfo', [pdfPath]);
		assert.match(info, /Pages:\s+1\n/, info);
		// Landscape: wider than tall.
		const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/) ?? [];
		assert.ok(Number(w) > Number(h), info);
		const { stdout: raw } = await run('pdftotext', [pdfPath, '-']);
		const text = raw.replace(/\s+/g, ' ');
		assert.match(text, /Consumo de alcohol en adolescentes/);
		assert.match(text, /Menos venta de alcohol a menores/);
		assert.doesNotMatch(text, /Secciones de la coalición|Cerrar sesión/);

		// The action plan: a task under the strategy, overdue, so it is flagged everywhere.
		await coordinator.goto(builderUrl.replace(/\/plan\/[^/]+$/, '/plan/tasks'));
		await coordinator.getByRole('heading', { level: 1, name: /Plan de acción/ }).waitFor();
		await coordinator.locator('summary').filter({ hasText: 'Agregar una tarea' }).click();
		const task = coordinator.getByRole('form', { name: 'Agregar una tarea' });
		const serves = task.getByLabel('A qué sirve');
		const strategy = serves.locator('option', { hasText: 'Ordenanza de horarios de venta' });
		await serves.selectOption((await strategy.getAttribute('value')) ?? '');
		await task
			.getByRole('textbox', { name: 'Tarea', exact: true })
			.fill('Reunión con la comisión de regidores');
		await task.getByLabel('Responsable').fill('Rosa Quispe');
		await task.getByLabel('Fecha límite').fill(limaDay(-2));
		await task.getByLabel('Medidas de proceso').fill('Acta de la reunión firmada');
		await task.getByRole('button', { name: 'Agregar una tarea' }).click();
		await coordinator.getByText('Cambios guardados.').waitFor();
		const card = coordinator.getByRole('listitem').filter({ hasText: 'Reunión con la comisión' });
		await card.getByText('Vencida').waitFor();
		await card.getByText('Rosa Quispe').waitFor();
		await coordinator.getByText('1 tarea vencida: está resaltada abajo.').waitFor();
		await assertAccessible(coordinator);
		await coordinator.screenshot({ path: join(shots, 'planning-tasks-360.png'), fullPage: true });

		await coordinator.goto(server.origin + '/app');
		await coordinator
			.getByRole('link', { name: /Tarea vencida en Callao Norte: Reunión con la comisión/ })
			.waitFor();
		await assertAccessible(coordinator);
		// The hub sees it on its overview too; the coalition's page sums the plan up.
		await admin.goto(server.origin + '/app');
		await admin.getByText(/Tarea vencida en Callao Norte/).waitFor();
		await coordinator.goto(builderUrl.replace(/\/plan\/[^/]+$/, ''));
		await coordinator.getByText('Tareas abiertas: 1 · vencidas: 1').waitFor();
		await tab(coordinator, 'Plan').click();
		await coordinator.getByRole('link', { name: 'Plan 2026' }).waitFor();
		await coordinator.getByText('Aprobada (vigente)').waitFor();
		await coordinator.screenshot({
			path: join(shots, 'planning-versions-360.png'),
			fullPage: true
		});

		await adminContext.close();
		await phone.close();
	});
});
