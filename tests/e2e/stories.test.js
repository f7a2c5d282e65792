import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createJimp } from '@jimp/core';
import png from '@jimp/js-png';
import {
	adminInviteLink,
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	invite,
	launchBrowser,
	startServer
} from './support.js';

const TITLE = 'Callao Norte pinta la plaza contra el alcohol';
const ALT = 'Vecinas y jóvenes pintan un mural en la plaza del barrio';

/** A real photo made on the spot: wider than the 1600 px the server keeps. */
async function photo() {
	const Jimp = createJimp({ formats: [png] });
	return Buffer.from(
		await new Jimp({ width: 2000, height: 1200, color: 0xb5532fff }).getBuffer('image/png')
	);
}

describe('success stories', () => {
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

	it('a coordinator writes a story with a photo; partner staff publish it; the public reads it', async () => {
		const dir = ensureScreenshotDir();
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await createAccount(admin, await adminInviteLink(server, 'hub@creser.example'), 'Hub Admin');
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
		await coordinator
			.getByRole('navigation', { name: /Secciones de la coalición/ })
			.getByRole('link', { name: 'Historias', exact: true })
			.click();
		await coordinator.getByText('Escribir una historia').click();
		const spanish = coordinator.getByRole('group', { name: 'En español' });
		await spanish.getByLabel('Título').fill(TITLE);
		await spanish.getByLabel('Resumen').fill('Vecinos y jóvenes recuperaron la plaza del barrio.');
		await spanish
			.getByLabel('Texto')
			.fill('La **comunidad** se organizó.\n\nPintaron un mural <script>alert(1)</script>.');
		await coordinator.getByRole('button', { name: 'Guardar borrador' }).click();
		await coordinator.getByText('Cambios guardados.').waitFor();
		await coordinator.getByRole('heading', { level: 1, name: TITLE }).waitFor();
		// The preview shows the markdown as it will read, with the script as plain text.
		const preview = coordinator.getByRole('article', { name: 'En español' });
		assert.equal(await preview.locator('strong').innerText(), 'comunidad');
		await preview.getByText('<script>alert(1)</script>', { exact: false }).waitFor();

		// A text file called .jpg is refused next to the field; what was typed stays.
		const upload = coordinator.locator('form[action^="?/addPhoto"]');
		await upload.getByLabel(/^Foto\b/).setInputFiles({
			name: 'foto.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.from('Esto no es una foto.')
		});
		await upload.getByLabel('Descripción de la foto (español)').fill(ALT);
		await upload
			.getByRole('combobox', { name: 'Consentimiento' })
			.selectOption({ label: 'Se reconoce a personas y dieron su consentimiento' });
		await upload
			.getByLabel('Cómo se dio el consentimiento')
			.fill('Autorizaciones firmadas por las familias, archivadas en la coalición.');
		await upload.getByRole('button', { name: 'Subir foto' }).click();
		const fileError = coordinator.locator('#field-file-error');
		await fileError.waitFor();
		assert.match(await fileError.innerText(), /no es una foto JPEG ni PNG/);
		assert.equal(
			await coordinator.getByLabel('Descripción de la foto (español)').inputValue(),
			ALT
		);
		await assertAccessible(coordinator);
		await coordinator.screenshot({ path: join(dir, 'story-bad-photo-360.png'), fullPage: true });

		await coordinator
			.locator('form[action^="?/addPhoto"]')
			.getByLabel(/^Foto\b/)
			.setInputFiles({ name: 'plaza.png', mimeType: 'image/png', buffer: await photo() });
		await coordinator.getByRole('button', { name: 'Subir foto' }).click();
		await coordinator.getByText('Foto agregada.').waitFor();
		const thumbnail = coordinator.getByRole('img', { name: ALT });
		await thumbnail.waitFor();
		assert.equal(await thumbnail.getAttribute('width'), '1600');
		await coordinator.getByRole('button', { name: 'Enviar a revisión' }).click();
		await coordinator.getByText('Historia enviada a revisión.', { exact: false }).waitFor();
		await assertAccessible(coordinator);
		await coordinator.screenshot({ path: join(dir, 'story-submitted-360.png'), fullPage: true });

		// Partner staff find it in their review queue, comment and publish.
		const partnerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const partner = await partnerContext.newPage();
		await createAccount(partner, partnerLink, 'Sara Rojas');
		await partner.getByRole('link', { name: 'Historias por revisar' }).click();
		await assertAccessible(partner);
		await partner.getByRole('link', { name: TITLE }).click();
		await partner
			.getByLabel('Comentario para la coalición')
			.fill('Muy buena. El consentimiento de las familias está anotado.');
		await partner.getByRole('button', { name: 'Publicar' }).click();
		await partner.getByText('Historia publicada', { exact: false }).waitFor();
		await partner
			.getByText('El consentimiento de las familias está anotado.', { exact: false })
			.waitFor();
		await assertAccessible(partner);
		await partner.screenshot({ path: join(dir, 'story-published-desktop.png'), fullPage: true });

		// The public: no account, a phone.
		const visitorContext = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const visitor = await visitorContext.newPage();
		await visitor.goto(server.origin + '/stories');
		await visitor.getByRole('link', { name: TITLE }).click();
		await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
		const image = visitor.getByRole('img', { name: ALT });
		await image.waitFor();
		assert.ok(
			await image.evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth === 1600)
		);
		assert.equal(await visitor.locator('article strong').innerText(), 'comunidad');
		assert.equal(await visitor.locator('article script').count(), 0);
		const served = await visitor.request.get(server.origin + (await image.getAttribute('src')));
		assert.equal(served.headers()['content-type'], 'image/jpeg');
		assert.ok(served.headers()['etag']);
		assert.match(served.headers()['cache-control'], /public/);
		await assertAccessible(visitor);
		await visitor.screenshot({ path: join(dir, 'story-public-360.png'), fullPage: true });

		// On the coalition's public profile too.
		await visitor.goto(server.origin + '/coalitions/callao-norte');
		await visitor.getByRole('link', { name: TITLE }).waitFor();

		await adminContext.close();
		await phone.close();
		await partnerContext.close();
		await visitorContext.close();
	});
});
