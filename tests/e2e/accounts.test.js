import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	launchBrowser,
	startServer
} from './support.js';

describe('accounts and the workspace', () => {
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

	it('an administrator invites a coordinator, who edits only their coalition', async () => {
		const adminLink = await adminInviteLink(server, 'ana@creser.example');

		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Ana Quispe');
		await admin.getByRole('heading', { level: 1, name: 'Hola, Ana Quispe' }).waitFor();
		await assertAccessible(admin);

		// The link worked once.
		const again = await browser.newContext();
		const reuse = await again.newPage();
		await reuse.goto(adminLink);
		await reuse.getByText('Este enlace ya se usó, venció o no es válido').waitFor();
		await again.close();

		await admin
			.getByRole('navigation', { name: 'Espacio de trabajo' })
			.getByRole('link', { name: 'Usuarios' })
			.click();
		const invite = admin.locator('form[action="?/invite"]');
		await invite.getByLabel('Correo electrónico').fill('luis@callao.example');
		await invite.getByLabel('Rol').selectOption({ label: 'coordinación de coalición' });
		await invite.getByLabel('Coalición').selectOption({ label: 'Callao Norte' });
		await invite.getByRole('button', { name: 'Invitar' }).click();
		const coordinatorLink = await admin.getByLabel('Enlace de invitación').inputValue();
		assert.match(coordinatorLink, /\/invite\//);
		await assertAccessible(admin);

		await admin.goto(server.origin + '/app/coalitions?q=huaro');
		const huaroHref = await admin.getByRole('link', { name: 'Huaro' }).getAttribute('href');
		assert.ok(huaroHref);

		const coordinatorContext = await browser.newContext();
		const coordinator = await coordinatorContext.newPage();
		await createAccount(coordinator, coordinatorLink, 'Luis Huamán');
		await coordinator
			.getByRole('navigation', { name: 'Espacio de trabajo' })
			.getByRole('link', { name: 'Coaliciones', exact: true })
			.click();
		const rows = coordinator.getByRole('table').getByRole('row');
		assert.equal(await rows.count(), 2, 'header row and their one coalition');
		await coordinator.getByRole('link', { name: 'Callao Norte' }).click();
		await coordinator.getByRole('heading', { level: 1, name: 'Callao Norte' }).waitFor();

		// A bad edit: errors next to the fields, and what was typed is still there.
		await coordinator.getByLabel('Año de fundación').fill('3000');
		await coordinator
			.getByLabel('Descripción en español')
			.fill('Vecinos organizados del norte del Callao.');
		await coordinator.getByRole('button', { name: 'Guardar cambios' }).click();
		await coordinator.getByRole('alert').getByText('Año de fundación').waitFor();
		await coordinator.getByText('Escriba un año válido de cuatro cifras.').first().waitFor();
		assert.equal(await coordinator.getByLabel('Año de fundación').inputValue(), '3000');
		assert.equal(
			await coordinator.getByLabel('Descripción en español').inputValue(),
			'Vecinos organizados del norte del Callao.'
		);
		await assertAccessible(coordinator);

		await coordinator.getByLabel('Año de fundación').fill('2006');
		await coordinator.getByRole('button', { name: 'Guardar cambios' }).click();
		await coordinator.getByRole('status').getByText('Cambios guardados.').waitFor();
		const history = coordinator.getByRole('region', { name: 'Historial de cambios' });
		await history.getByText('Luis Huamán').first().waitFor();
		const yearRow = history.getByRole('row', { name: /Año de fundación/ });
		assert.match(await yearRow.innerText(), /—\s+2006/);

		// Another coalition's edit page looks exactly like one that does not exist.
		const other = await coordinator.goto(server.origin + huaroHref);
		assert.equal(other?.status(), 404);
		await coordinator.getByRole('heading', { name: 'No encontramos esta página' }).waitFor();
		const missing = await coordinator.goto(server.origin + '/app/coalitions/no-such-id');
		assert.equal(missing?.status(), 404);

		// And the administrator sees the change in the network's change log.
		await admin.goto(server.origin + '/app/changes');
		await admin.getByText('Luis Huamán').first().waitFor();

		await adminContext.close();
		await coordinatorContext.close();
	});

	it('refuses a wrong password with a clear message and keeps the e-mail typed', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/en/login');
		await page.getByLabel('E-mail').fill('ana@creser.example');
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').getByText('The e-mail or the password is not right.').waitFor();
		assert.equal(await page.getByLabel('E-mail').inputValue(), 'ana@creser.example');
		await assertAccessible(page);
		await context.close();
	});

	it('sends signed-out visitors of the workspace to the sign-in page', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/app/coalitions');
		assert.match(page.url(), /\/login\?next=%2Fapp%2Fcoalitions$/);
		await context.close();
	});
});
