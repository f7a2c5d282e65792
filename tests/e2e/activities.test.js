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
	limaDay,
	startServer
} from './support.js';

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
function tab(page, name) {
	return page
		.getByRole('navigation', { name: /Secciones de la coalición/ })
		.getByRole('link', { name, exact: true });
}

/** @param {import('playwright-core').Page} page */
function activityForm(page) {
	return page.locator('form[data-activity-drafts]');
}

/**
 * The new-activity form, opened if it is folded away.
 * @param {import('playwright-core').Page} page
 */
async function openActivityForm(page) {
	const form = activityForm(page);
	if (!(await form.isVisible())) {
		await page.getByText('Registrar una actividad', { exact: true }).click();
	}
	return form;
}

/**
 * The activity cards that say `text`.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
function logged(page, text) {
	return page
		.getByRole('region', { name: 'Actividades registradas' })
		.getByRole('listitem')
		.filter({ hasText: text });
}

describe('the everyday record: activities and community changes', () => {
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

	it('a coordinator on a phone logs activities, one of them offline, and records an ordinance', async () => {
		const dir = ensureScreenshotDir();
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'rosa@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const page = await phone.newPage();
		await createAccount(page, coordinatorLink, 'Rosa Quispe');
		await page.goto(server.origin + '/app/coalitions');
		await page.getByRole('link', { name: 'Callao Norte' }).click();
		await tab(page, 'Actividades').click();
		await page.getByText('Todavía no hay actividades registradas.').waitFor();
		let form = await openActivityForm(page);

		// Counts that do not add up: the message sits next to the total, and nothing typed is lost.
		await form.getByLabel('Fecha').fill(limaDay(-2));
		await form.getByLabel('Qué se hizo').fill('Charla sobre alcohol con padres del colegio');
		await form.getByLabel('Tipo de actividad').selectOption({ label: 'Difusión y medios' });
		await form.getByLabel('Estrategia').selectOption({ label: 'Brindar información' });
		await form.getByLabel('Mujeres adultas').fill('12');
		await form.getByLabel('Hombres adultos').fill('9');
		await form.getByLabel('Total de personas').fill('25');
		await form.getByRole('checkbox', { name: 'Padres y madres de familia' }).check();
		assert.equal(
			await form.getByLabel('Mujeres adultas').getAttribute('inputmode'),
			'numeric',
			'counts open the numeric keyboard'
		);
		await form.getByRole('button', { name: 'Registrar actividad' }).click();
		await page.getByRole('alert').waitFor();
		form = activityForm(page);
		const total = form.getByLabel('Total de personas');
		assert.equal(await total.getAttribute('aria-invalid'), 'true');
		await form
			.getByText('El total no coincide con la suma de los grupos', { exact: false })
			.waitFor();
		assert.equal(await total.inputValue(), '25');
		assert.equal(await form.getByLabel('Mujeres adultas').inputValue(), '12');
		assert.equal(
			await form.getByLabel('Qué se hizo').inputValue(),
			'Charla sobre alcohol con padres del colegio'
		);
		assert.ok(await form.getByRole('checkbox', { name: 'Padres y madres de familia' }).isChecked());
		await page.screenshot({ path: join(dir, 'activity-errors-360.png'), fullPage: true });
		await assertAccessible(page);

		await total.fill('21');
		await form.getByRole('button', { name: 'Registrar actividad' }).click();
		await page.getByText('Actividad registrada.').waitFor();
		await logged(page, 'Charla sobre alcohol con padres del colegio')
			.getByText('Personas alcanzadas: 21')
			.waitFor();

		// What is typed survives a reload, before any submit.
		form = await openActivityForm(page);
		await form.getByLabel('Qué se hizo').fill('Borrador que no se pierde');
		await page.reload();
		await page.getByText('Se recuperó lo que estaba escribiendo en este dispositivo.').waitFor();
		form = activityForm(page);
		assert.equal(await form.getByLabel('Qué se hizo').inputValue(), 'Borrador que no se pierde');
		await form.getByRole('button', { name: 'Vaciar el formulario' }).click();
		assert.equal(await form.getByLabel('Qué se hizo').inputValue(), '');

		// Offline: the activity waits on the device and is sent, once, when the connection is back.
		await phone.setOffline(true);
		await form.getByLabel('Fecha').fill(limaDay(-1));
		await form.getByLabel('Qué se hizo').fill('Pasacalle en la plaza sin señal');
		await form.getByLabel('Tipo de actividad').selectOption({ label: 'Acción comunitaria' });
		await form.getByLabel('Estrategia').selectOption({ label: 'Brindar información' });
		await form.getByLabel('Mujeres jóvenes').fill('30');
		await form.getByLabel('Hombres jóvenes').fill('25');
		await form.getByLabel('Número de voluntarios').fill('8');
		await form.getByLabel('Horas de voluntariado (en total)').fill('24');
		await form.getByRole('button', { name: 'Registrar actividad' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: 'la actividad quedó guardada en este dispositivo' })
			.waitFor();
		assert.equal(await form.getByLabel('Qué se hizo').inputValue(), '', 'ready for the next one');
		await page.screenshot({ path: join(dir, 'activity-offline-360.png'), fullPage: true });

		await phone.setOffline(false);
		await page
			.getByRole('status')
			.filter({ hasText: 'Se registraron las actividades guardadas en este dispositivo: 1.' })
			.waitFor();
		await page.getByRole('link', { name: 'Actualizar la lista' }).click();
		await logged(page, 'Pasacalle en la plaza sin señal').first().waitFor();
		assert.equal(await logged(page, 'Pasacalle en la plaza sin señal').count(), 1);
		await logged(page, 'Pasacalle en la plaza sin señal')
			.getByText('Personas alcanzadas: 55')
			.waitFor();
		// A later visit sends nothing again: the outbox is empty.
		await page.reload();
		assert.equal(await logged(page, 'Pasacalle en la plaza sin señal').count(), 1);
		await page.screenshot({ path: join(dir, 'activities-360.png'), fullPage: true });
		await assertAccessible(page);

		// A municipal ordinance, adopted, on the graph and in its table.
		await tab(page, 'Cambios comunitarios').click();
		await page.getByText('El gráfico aparece cuando se registra el primer cambio.').waitFor();
		await page.getByText('Registrar un cambio', { exact: true }).click();
		const change = page.locator('form[action="?/record"]');
		await change
			.getByLabel('Qué cambió')
			.fill('Ordenanza que limita el horario de venta de alcohol');
		await change
			.getByLabel('Tipo de cambio')
			.selectOption({ label: 'Política (por ejemplo, una ordenanza)' });
		await change.getByLabel('Estado').selectOption({ label: 'Aprobado' });
		await change.getByLabel('Fecha').fill(limaDay(-3));
		await change.getByLabel('Evidencia').fill('Ordenanza municipal N.° 012-2026');
		await change.getByRole('button', { name: 'Registrar cambio' }).click();
		await page.getByText('Cambio registrado.').waitFor();
		const graph = page.getByRole('img', { name: 'Cambios acumulados mes a mes' });
		await graph.waitFor();
		await page.getByText('Ver los datos como tabla').click();
		const row = page
			.getByRole('row')
			.filter({ hasText: 'Ordenanza que limita el horario de venta de alcohol' });
		await row.waitFor();
		assert.deepEqual(
			(await row.getByRole('cell').allInnerTexts()).slice(0, 2),
			['1', '1'],
			'one change that month, one in total'
		);
		await page.screenshot({ path: join(dir, 'community-changes-360.png'), fullPage: true });
		await assertAccessible(page);

		// The network page counts it too, and the hub sees it on a wide screen.
		await page
			.getByRole('navigation', { name: 'Espacio de trabajo' })
			.getByRole('link', { name: 'Cambios comunitarios' })
			.click();
		await page
			.getByRole('heading', { name: 'Cambios en la comunidad y el sistema en la red' })
			.waitFor();
		await page.getByText('Se cuentan solo las coaliciones que usted puede ver: 1.').waitFor();
		await assertAccessible(page);
		await admin.setViewportSize({ width: 1280, height: 900 });
		await admin.goto(server.origin + '/app/community-changes');
		await admin.getByRole('img', { name: 'Cambios acumulados mes a mes' }).waitFor();
		await admin.getByText('Ver los datos como tabla').click();
		await admin.getByRole('row').filter({ hasText: 'Ordenanza que limita' }).waitFor();
		await admin.screenshot({
			path: join(dir, 'community-changes-network-1280.png'),
			fullPage: true
		});
		await assertAccessible(admin);
		await admin.goto(server.origin + '/app/coalitions');
		await admin.getByRole('link', { name: 'Callao Norte' }).click();
		await tab(admin, 'Actividades').click();
		await logged(admin, 'Pasacalle en la plaza sin señal').waitFor();
		await admin.screenshot({ path: join(dir, 'activities-1280.png'), fullPage: true });
		await assertAccessible(admin);
	});
});
