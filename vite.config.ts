import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		// Under vitest the messages are compiled once by `npm run i18n` (pretest); the plugin would
		// recompile per worker and keep file handles open.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['url', 'cookie', 'baseLocale']
			})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		// Database suites share one PostgreSQL database; files run one at a time to keep schemas apart.
		fileParallelism: false,
		testTimeout: 20000,
		hookTimeout: 60000
	}
});
