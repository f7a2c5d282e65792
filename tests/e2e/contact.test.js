import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { launchBrowser, startServer } from './support.js';

const message = 'Queremos formar una coalición en nuestro barrio de Callao.';

describe('the contact form', () => {
	/** @type {Awaited<ReturnType<typeof startServer>>} */
	let server;
	/** @type {import('playwright-core').Browser} */
	let browser;
	/** @type {import('better-sqlite3').Database} */
	let sqlite;
	before(async () => {
		server = await startServer();
		browser = await launchBrowser();
		sqlite = new Database(join(server.dataDir, 'minka.db'), { readonly: true });
	});
	after(async () => {
		sqlite?.close();
		await browser?.close();
		await server?.stop();
	});

	/** @param {string} email */
	const storedMessage = (email) =>
		/** @type {Record<string, unknown> | undefined} */ (
			sqlite
				.prepare(
					`select m.*, c.slug as coalition_slug from contact_message m
					left join coalition c on c.id = m.coalition_id where m.email = ?`
				)
				.get(email)
		);

	it('works without JavaScript: errors next to each field, text kept, then stored', async () => {
		const { slug } = /** @type {{ slug: string }} */ (
			sqlite.prepare(`select slug from coalition where name = 'Callao Norte'`).get()
		);
		// The public pages send no JavaScript; the form must not need any.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		// A coalition profile links here with the coalition preselected.
		await page.goto(`${server.origin}/contact?coalition=${slug}`);
		await page.getByRole('heading', { level: 1, name: 'Contáctenos' }).waitFor();
		const coalition = page.getByLabel('Coalición (opcional)');
		assert.equal(await coalition.inputValue(), slug);
		// Only the four visible fields are text boxes: the honeypot is hidden from assistive tech.
		assert.equal(await page.getByRole('textbox').count(), 3);
		const honeypot = page.locator('input[name="website"]');
		assert.equal(await honeypot.getAttribute('tabindex'), '-1');
		assert.equal(await honeypot.getAttribute('autocomplete'), 'off');
		// Clipped to a single pixel, the usual way to hide from sight but not from bots.
		const trap = honeypot.locator('xpath=..');
		const box = await trap.boundingBox();
		assert.ok(box && box.width <= 1 && box.height <= 1, JSON.stringify(box));
		assert.equal(await trap.getAttribute('aria-hidden'), 'true');

		await page.getByRole('button', { name: 'Enviar mensaje' }).click();
		const summary = page.getByRole('alert').filter({ hasText: 'Revise los siguientes campos' });
		await summary.waitFor();
		for (const [text, target] of [
			['Escriba su nombre.', '#contact-name'],
			['Escriba su correo electrónico.', '#contact-email'],
			['Elija un tema.', '#contact-topic'],
			['Escriba su mensaje.', '#contact-message']
		]) {
			assert.equal(await summary.getByRole('link', { name: text }).getAttribute('href'), target);
		}
		const name = page.getByLabel('Nombre', { exact: true });
		assert.equal(await name.getAttribute('aria-invalid'), 'true');
		const nameError = page.locator('#contact-name-error');
		assert.equal(await nameError.textContent(), 'Escriba su nombre.');
		assert.match((await name.getAttribute('aria-describedby')) ?? '', /contact-name-error/);
		assert.match(await page.title(), /^Error: /);
		// The coalition chosen on arrival survives the failed post.
		assert.equal(await coalition.inputValue(), slug);

		await name.fill('Rosa Quispe');
		await page.getByLabel('Correo electrónico').fill('rosa@');
		await page.getByLabel('Mensaje', { exact: true }).fill(message);
		await page.getByRole('button', { name: 'Enviar mensaje' }).click();
		await page.locator('#contact-email-error').waitFor();
		assert.match(
			(await page.locator('#contact-email-error').textContent()) ?? '',
			/Escriba un correo electrónico válido/
		);
		assert.equal(await page.locator('#contact-name-error').count(), 0);
		assert.equal(await name.getAttribute('aria-invalid'), null);
		assert.equal(await name.inputValue(), 'Rosa Quispe');
		assert.equal(await page.getByLabel('Mensaje', { exact: true }).inputValue(), message);
		assert.equal(await page.getByLabel('Correo electrónico').inputValue(), 'rosa@');

		await page.getByLabel('Correo electrónico').fill('rosa@example.pe');
		await page
			.getByLabel('Tema')
			.selectOption({ label: 'Quiero formar una coalición en mi comunidad' });
		await page.getByRole('button', { name: 'Enviar mensaje' }).click();
		await page.getByRole('status').filter({ hasText: 'Gracias, recibimos su mensaje' }).waitFor();
		assert.match(page.url(), /\/contact\?sent=1$/);
		await context.close();

		const row = storedMessage('rosa@example.pe');
		assert.ok(row, 'the message is stored');
		const fields = ['name', 'topic', 'message', 'locale', 'status', 'coalition_slug'];
		assert.deepEqual(Object.fromEntries(fields.map((f) => [f, row[f]])), {
			name: 'Rosa Quispe',
			topic: 'start_coalition',
			message,
			locale: 'es',
			status: 'new',
			coalition_slug: slug
		});
		// No SMTP_URL: the message is only stored, and no mail failure is recorded.
		assert.equal(row.email_sent_at, null);
		assert.equal(row.email_error, null);
		const keys = sqlite.prepare('select key from rate_event').all();
		assert.ok(keys.length > 0);
		for (const { key } of /** @type {{ key: string }[]} */ (keys)) {
			assert.match(key, /^contact:[0-9a-f]{64}$/);
		}
	});

	it('speaks English at /en/contact', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(server.origin + '/en/contact');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		await page.getByRole('heading', { level: 1, name: 'Contact us' }).waitFor();
		await page.getByLabel('Name', { exact: true }).fill('John Smith');
		await page.getByLabel('Email').fill('john@');
		await page.getByLabel('Message', { exact: true }).fill('I would like to help in Lima.');
		await page.getByRole('button', { name: 'Send message' }).click();
		await page
			.getByRole('alert')
			.filter({ hasText: 'Please check the following fields' })
			.waitFor();
		assert.match(
			(await page.locator('#contact-email-error').textContent()) ?? '',
			/Enter a valid email address/
		);
		assert.equal(await page.locator('#contact-topic-error').textContent(), 'Choose a topic.');
		assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'John Smith');

		await page.getByLabel('Email').fill('john@example.com');
		await page.getByLabel('Topic').selectOption({ label: 'Training' });
		await page.getByRole('button', { name: 'Send message' }).click();
		await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
		assert.match(page.url(), /\/en\/contact\?sent=1$/);
		await context.close();
		assert.equal(storedMessage('john@example.com')?.locale, 'en');
		assert.equal(storedMessage('john@example.com')?.coalition_slug, null);
	});

	it('is accessible with the errors shown', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(server.origin + '/contact');
		await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
		await page.getByRole('button', { name: 'Enviar mensaje' }).click();
		await page.getByRole('alert').filter({ hasText: 'Revise los siguientes campos' }).waitFor();
		const result = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		assert.deepEqual(
			bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			[]
		);
		await context.close();
	});
});
