import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
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

describe('coalition capacity', () => {
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

	it('a coordinator records members and meetings; partner staff record training and assistance', async () => {
		const adminLink = await adminInviteLink(server, 'hub@creser.example');
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, adminLink, 'Hub Admin');
		const coordinatorLink = await invite(admin, 'luis@callao.example', {
			role: 'coordinación de coalición',
			coalition: 'Callao Norte'
		});
		const partnerLink = await invite(admin, 'sara@sumbi.example', {
			role: 'personal de un socio',
			organization: 'SUMBI'
		});

		// The coordinator, on a phone.
		const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const coordinator = await phone.newPage();
		await createAccount(coordinator, coordinatorLink, 'Luis Huamán');
		await coordinator.goto(server.origin + '/app/coalitions');
		await coordinator.getByRole('link', { name: 'Callao Norte' }).click();
		await tab(coordinator, 'Integrantes').click();
		await coordinator
			.getByText('Todavía no hay integrantes activos: faltan los 12 sectores.')
			.waitFor();

		const add = coordinator
			.locator('form')
			.filter({ has: coordinator.getByRole('button', { name: 'Agregar integrante' }) });
		await add.getByRole('textbox', { name: 'Nombre', exact: true }).fill('Rosa');
		await add.getByLabel('Apellidos').fill('Quispe Mamani');
		await add.getByLabel('Grupo de edad').selectOption({ label: 'De 15 a 17 años' });
		await add.getByLabel('Rol en la coalición').selectOption({ label: 'Integrante juvenil' });
		await add.getByLabel('Sector que representa').selectOption({ index: 1 });
		await add.getByLabel('Integrante desde').fill(limaDay(-30));
		await add.getByRole('button', { name: 'Agregar integrante' }).click();
		// Refused: a minor's surname needs a guardian's consent first; what was typed stays.
		await coordinator.getByRole('alert').filter({ hasText: 'Apellidos' }).waitFor();
		assert.equal(await coordinator.getByLabel('Apellidos').inputValue(), 'Quispe Mamani');
		await assertAccessible(coordinator);

		await coordinator.getByLabel('Nombre del apoderado').fill('Carmen Mamani');
		await coordinator.getByLabel('Parentesco o relación').fill('Madre');
		await coordinator
			.getByLabel('Cómo dio su consentimiento')
			.selectOption({ label: 'Por escrito (autorización firmada)' });
		await coordinator.getByLabel('Fecha del consentimiento').fill(limaDay(-31));
		await coordinator.getByRole('button', { name: 'Agregar integrante' }).click();
		await coordinator.getByText('Integrante agregado.').waitFor();
		await coordinator
			.getByText(/1 de 12 sectores representados; faltan:/)
			.first()
			.waitFor();

		await tab(coordinator, 'Reuniones').click();
		await coordinator.getByText('Registrar una reunión', { exact: true }).first().click();
		await coordinator.getByLabel('Fecha').first().fill(limaDay(-1));
		await coordinator
			.getByLabel('Tipo de reunión')
			.selectOption({ label: 'Reunión de la coalición' });
		await coordinator.getByRole('checkbox', { name: /Rosa/ }).check();
		await coordinator.getByLabel('Invitados').fill('3');
		await coordinator.getByLabel('Acuerdos y decisiones').fill('Campaña en la feria del domingo.');
		await coordinator
			.locator('form')
			.getByRole('button', { name: 'Registrar una reunión' })
			.click();
		await coordinator.getByText('Reunión registrada.').waitFor();
		await assertAccessible(coordinator);

		// Partner staff record a training with an attendee, and a TA contact with a follow-up.
		const partnerContext = await browser.newContext();
		const partner = await partnerContext.newPage();
		await createAccount(partner, partnerLink, 'Sara Rojas');
		await partner.goto(server.origin + '/app/trainings/new');
		await partner.getByLabel('Título').fill('Taller de evaluación comunitaria');
		await partner.getByLabel('Tipo').selectOption({ label: 'Taller local' });
		await partner.getByLabel('Fecha de inicio').fill(limaDay(-10));
		await partner.getByRole('textbox', { name: 'Horas', exact: true }).fill('6');
		await partner.getByRole('checkbox').first().check();
		await partner.getByRole('button', { name: /Crear|Guardar/ }).click();
		await partner.getByRole('heading', { name: 'Taller de evaluación comunitaria' }).waitFor();
		await partner.getByLabel('Persona (coalición)').selectOption({ index: 1 });
		await partner.getByRole('button', { name: 'Agregar', exact: true }).click();
		await partner.getByRole('cell', { name: /Rosa/ }).first().waitFor();

		await partner.goto(server.origin + '/app/coalitions');
		await partner.getByRole('link', { name: 'Callao Norte' }).click();
		await tab(partner, 'Asistencia técnica').click();
		await partner.getByText('Registrar un contacto', { exact: true }).click();
		const contact = partner.locator('form[action="?/createContact"]');
		await contact.getByLabel('Fecha').fill(limaDay(-5));
		await contact.getByLabel('Modalidad').selectOption({ label: 'Presencial' });
		await contact.getByLabel('Horas').fill('2');
		await contact.getByLabel('Tema').selectOption({ index: 1 });
		await contact.getByRole('button', { name: 'Registrar', exact: true }).click();
		await partner.getByText('Agregar una acción de seguimiento', { exact: true }).click();
		const followup = partner.locator('form[action="?/addFollowup"]');
		await followup.getByLabel('Acción').fill('Enviar el borrador del diagnóstico');
		await followup.getByLabel('Vence el').fill(limaDay(-1));
		await followup.getByRole('button', { name: 'Agregar', exact: true }).click();
		await partner.getByText('Vencida').first().waitFor();
		await assertAccessible(partner);

		await partner.goto(server.origin + '/app');
		await partner
			.getByText(/Seguimiento vencido en Callao Norte: Enviar el borrador del diagnóstico/)
			.waitFor();
		// The coordinator sees it too, on the coalition's page at a glance.
		await coordinator.goto(server.origin + '/app');
		await coordinator.getByText(/Seguimiento vencido en Callao Norte/).waitFor();

		await adminContext.close();
		await phone.close();
		await partnerContext.close();
	});
});
