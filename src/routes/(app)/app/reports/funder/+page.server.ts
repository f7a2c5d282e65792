import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { locale } from '$lib/i18n';
import { localizeHref } from '$lib/paraglide/runtime';
import { db } from '$lib/server';
import { funderReport, reportForm } from '$lib/server/dashboard/service';
import { orNotFound } from '$lib/server/http/errors';

/**
 * The report renders in the language the form asked for. The language of a page is its URL
 * here (/en/… is English), so a `lang` that differs from the page's sends the reader to the
 * same report at the other language's address; the link then stays correct when shared.
 */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const lang = url.searchParams.get('lang');
	if (lang === 'es' || lang === 'en') {
		const kept = new URLSearchParams(url.searchParams);
		kept.delete('lang');
		const query = kept.toString();
		redirect(303, localizeHref(`/app/reports/funder${query ? '?' + query : ''}`, { locale: lang }));
	}
	const { workspace } = await parent();
	const p = url.searchParams;
	// The story picker sends `picked`, so ticking none means none (not "all", as on first view).
	const stories = p.has('picked') ? p.getAll('stories') : null;
	const result = await orNotFound(() =>
		funderReport(
			db,
			locals.actor,
			workspace.id,
			{
				from: p.get('from'),
				to: p.get('to'),
				scope: p.get('scope'),
				phase: p.get('phase'),
				partner: p.get('partner'),
				coalition: p.get('coalition'),
				stories
			},
			locale()
		)
	);
	if (result.status === 'invalid') {
		return {
			result,
			form: await orNotFound(() => reportForm(db, locals.actor, workspace.id, locale())),
			lang: locale(),
			generatedAt: new Date().toISOString()
		};
	}
	return { result, form: null, lang: locale(), generatedAt: new Date().toISOString() };
};
