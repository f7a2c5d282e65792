import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import {
	assertAccessible,
	createAccount,
	ensureScreenshotDir,
	launchBrowser,
	limaDay,
	startServer
} from './support.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

/**
 * The CLI against the running server's data folder, as an operator would run it.
 * @param {{ dataDir: string, origin: string }} server
 * @param {string[]} args
 */
async function minka(server, args) {
	const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/minka.ts', ...args], {
		cwd: root,
		env: { ...process.env, DATA_DIR: server.dataDir, ORIGIN: server.origin, DATABASE_URL: '' }
	});
	return stdout;
}

describe('a generated network in the workspace', () => {
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

	it('lists, pages and filters 300 generated coalitions with their place names', async () => {
		const generated = await minka(server, [
			'generate',
			'--coalitions',
			'300',
			'--network',
			'escala',
			'--seed',
			'5',
			'--until',
			limaDay()
		]);
		assert.match(generated, /300\/300 coalitions/);
		const invite = await minka(server, [
			'create-admin',
			'--email',
			'admin@escala.example',
			'--network',
			'escala'
		]);
		const link = invite.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
		assert.ok(link, invite);

		// What the page should show, read from the database the server uses.
		const file = new Database(join(server.dataDir, 'minka.db'), { readonly: true });
		const rows =
			/** @type {{ id: string, name: string, community: string, city: string, region: string }[]} */ (
				file
					.prepare(
						`select c.id, c.name, community.name as community, city.name as city, city.parent_id as region
				from coalition c join network n on n.id = c.network_id
				join place community on community.id = c.place_id
				join place city on city.id = community.parent_id
				where n.slug = 'escala' and c.status <> 'archived'`
					)
					.all()
			);
		const regions = /** @type {{ id: string, name: string }[]} */ (
			file
				.prepare(
					`select p.id, p.name from place p join network n on n.id = p.network_id
				where n.slug = 'escala' and p.parent_id is null order by p.sort_order, p.name`
				)
				.all()
		);
		file.close();
		const total = rows.length;
		const pages = Math.ceil(total / 25);

		const context = await browser.newContext();
		const page = await context.newPage();
		await createAccount(page, link, 'Admin Escala');
		await page.goto(server.origin + '/app/coalitions');
		await page.getByText(`Página 1 de ${pages} · ${total} en total`).waitFor();
		const table = page.getByRole('table', { name: 'Coaliciones' });
		assert.equal(await table.getByRole('row').count(), 26);
		const firstName = await table.getByRole('row').nth(1).getByRole('link').innerText();
		const first = rows.find((r) => r.name === firstName);
		assert.ok(first, firstName);
		assert.equal(
			await table.getByRole('row').nth(1).getByRole('cell').nth(1).innerText(),
			`${first.community}, ${first.city}`
		);
		await assertAccessible(page);

		await page.goto(server.origin + `/app/coalitions?page=${pages}`);
		await page.getByText(`Página ${pages} de ${pages}`).waitFor();
		assert.equal(await table.getByRole('row').count(), 1 + total - 25 * (pages - 1));

		await page.goto(server.origin + '/app/coalitions');
		await page.getByLabel('Región').selectOption({ label: regions[1].name });
		await page.getByRole('button', { name: 'Aplicar' }).click();
		const inRegion = rows.filter((r) => r.region === regions[1].id).length;
		await page.getByText(`${inRegion} en total`).waitFor();

		const dir = ensureScreenshotDir();
		for (const width of [360, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({ path: join(dir, `scale-list-${width}.png`), fullPage: true });
		}

		const name = await table.getByRole('row').nth(1).getByRole('link').innerText();
		await table.getByRole('link', { name, exact: true }).click();
		await page.getByRole('heading', { level: 1, name }).waitFor();
		await context.close();
	});
});
