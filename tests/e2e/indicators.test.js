import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	invite,
	launchBrowser,
	startServer
} from './support.js';

const NAME = 'Bodegas que venden alcohol a menores';

describe('custom indicators', () => {
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

	it('an admin defines an indicator; a coordinator records a value, a baseline and a target', async () => {
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');

		await admin.goto(server.origin + '/app/indicators');
		await admin.getByRole('heading', { name: 'Medidas básicas (de la encuesta)' }).waitFor();
		await assertAccessible(admin);

		const create = admin.locator('form[action="?/create"]');
		await create.getByLabel('Unidad').selectOption({ label: 'Porcentaje' });
		await create
			.getByLabel('Qué se cuenta (numerador, español)')
			.fill('Bodegas que vendieron alcohol a un comprador menor de edad');
		await create.getByLabel('Fuente').fill('Compras simuladas');
		// The browser would stop an empty required field; the server must refuse it too.
		await create.evaluate((f) => /** @type {HTMLFormElement} */ (f).setAttribute('novalidate', ''));
		await create.getByRole('button', { name: 'Crear indicador' }).click();
		await admin.getByRole('alert').filter({ hasText: 'Nombre (español)' }).waitFor();
		assert.equal(
			await admin.getByLabel('Qué se cuenta (numerador, español)').inputValue(),
			'Bodegas que vendieron alcohol a un comprador menor de edad'
		);
		assert.equal(await admin.getByLabel('Fuente').inputValue(), 'Compras simuladas');
		await assertAccessible(admin);

		await admin.getByLabel('Nombre (español)').fill(NAME);
		await admin.getByLabel('Nombre (inglés)').fill('Shops selling alcohol to minors');
		await admin.getByRole('button', { name: 'Crear indicador' }).click();
		await admin.getByText('Indicador creado.').waitFor();
		await admin.getByRole('link', { name: NAME }).waitFor();

		// Editing keeps an audit trail; the English name shows on the English pages.
		await admin.getByRole('link', { name: NAME }).click();
		await admin.getByRole('heading', { level: 1, name: NAME }).waitFor();
		await admin.getByLabel('Fuente').fill('Compras simuladas (DEVIDA)');
		await admin.getByRole('button', { name: 'Guardar' }).click();
		await admin.getByText('Cambios guardados.').waitFor();
		await admin.getByRole('heading', { name: 'Historial de cambios' }).waitFor();
		await assertAccessible(admin);
		await admin.goto(server.origin + '/en/app/indicators');
		await admin.getByRole('link', { name: 'Shops selling alcohol to minors' }).waitFor();
		await admin.goto(server.origin + '/app/indicators');

		const coordinatorLink = await invite(admin, 'luis@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});

		// The coordinator, on a phone.
		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const coordinator = await phone.newPage();
		await createAccount(coordinator, coordinatorLink, 'Luis Huamán');
		await coordinator.goto(server.origin + '/app/coalitions');
		await coordinator.getByRole('link', { name: 'Callao Norte' }).click();
		await coordinator
			.getByRole('navigation', { name: /Secciones de la coalición/ })
			.getByRole('link', { name: 'Indicadores', exact: true })
			.click();
		await coordinator.getByRole('heading', { name: NAME }).waitFor();

		const value = coordinator.locator('form[action="?/value"]');
		await value.getByLabel('Indicador').selectOption({ label: NAME });
		await value.getByRole('textbox', { name: 'Año', exact: true }).fill('2025');
		await value.getByLabel('Numerador').fill('12');
		await value.getByLabel('Denominador').fill('40');
		await value.getByLabel('Fuente').fill('Compras simuladas, mayo 2025');
		await value.getByRole('button', { name: 'Registrar valor' }).click();
		await coordinator.getByText('Valor registrado.').waitFor();
		const row = coordinator.getByRole('row').filter({ hasText: '2025' });
		await row.getByText('30 %').waitFor();

		const target = coordinator.locator('form[action="?/target"]');
		await target.getByLabel('Indicador').selectOption({ label: NAME });
		await target.getByRole('textbox', { name: 'Línea de base', exact: true }).fill('30');
		await target.getByLabel('Año de la línea de base').fill('2025');
		await target.getByRole('textbox', { name: 'Meta', exact: true }).fill('15');
		await target.getByLabel('Año de la meta').fill('2028');
		await target.getByRole('button', { name: 'Guardar línea de base y meta' }).click();
		await coordinator.getByText('Línea de base y meta guardadas.').waitFor();
		await coordinator.getByText(/15 %\s*\(2028\)/).waitFor();
		await coordinator.getByText(/30 %\s*\(2025\)/).waitFor();
		await assertAccessible(coordinator);
	});
});
