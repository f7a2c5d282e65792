import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { FieldErrors } from '$lib/domain/forms';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { accounts, baseUrl, db, mailer } from '$lib/server';
import {
	addGrant,
	inviteUser,
	issueResetLink,
	listUsers,
	removeGrant,
	setUserActive
} from '$lib/server/accounts/service';
import { coalitionFormOptions } from '$lib/server/coalitions/workspace';
import { orNotFound } from '$lib/server/http/errors';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { workspace } = await parent();
	if (!workspace.isAdmin) error(404, 'not_found');
	const { users, pendingInvites } = await orNotFound(() =>
		listUsers(db, locals.actor, workspace.id)
	);
	const options = await coalitionFormOptions(db, workspace.id);
	return {
		users,
		pendingInvites,
		organizations: options.organizations,
		coalitions: options.coalitions,
		meId: locals.actor!.userId,
		saved: url.searchParams.has('saved')
	};
};

/** Every action answers in this one shape, so the page can tell which form it belongs to. */
interface UsersResult {
	action: 'invite' | 'addRole' | 'removeRole' | 'deactivate' | 'resetLink';
	userId?: string;
	errors?: FieldErrors;
	values?: Record<string, string>;
	invited?: { email: string; url: string | null };
	granted?: string;
	reset?: { email: string; url: string | null };
	problem?: 'last_admin' | 'self';
}
const result = (r: UsersResult) => r;

/** A link is only shown when it could not be e-mailed; whoever gets it can use it once. */
const shownUrl = (link: { path: string; emailed: boolean }) =>
	link.emailed ? null : `${baseUrl}${link.path}`;

const done = () => redirect(303, href('/app/users?saved=1'));

export const actions: Actions = {
	invite: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const r = await orNotFound(() =>
			inviteUser(accounts, locals.actor, networkId, form, { baseUrl, mailer })
		);
		if (r.status === 'invalid') {
			return fail(400, result({ action: 'invite', errors: r.errors, values: r.values }));
		}
		if (r.status === 'granted') return result({ action: 'invite', granted: r.email });
		return result({ action: 'invite', invited: { email: r.email, url: shownUrl(r.link) } });
	},
	addRole: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const userId = form.userId ?? '';
		const r = await orNotFound(() => addGrant(db, locals.actor, networkId, userId, form));
		if (r.status === 'invalid') {
			return fail(400, result({ action: 'addRole', userId, errors: r.errors, values: r.values }));
		}
		done();
	},
	removeRole: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const r = await orNotFound(() => removeGrant(db, locals.actor, networkId, form.grantId ?? ''));
		if (r.status === 'last_admin') {
			return fail(
				409,
				result({ action: 'removeRole', userId: form.userId, problem: 'last_admin' })
			);
		}
		done();
	},
	deactivate: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const userId = formRecord(await request.formData()).userId ?? '';
		const r = await orNotFound(() =>
			setUserActive(accounts, locals.actor, networkId, userId, false)
		);
		if (r.status === 'self') {
			return fail(400, result({ action: 'deactivate', userId, problem: 'self' }));
		}
		done();
	},
	reactivate: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const userId = formRecord(await request.formData()).userId ?? '';
		await orNotFound(() => setUserActive(accounts, locals.actor, networkId, userId, true));
		done();
	},
	resetLink: async ({ locals, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const userId = formRecord(await request.formData()).userId ?? '';
		const link = await orNotFound(() =>
			issueResetLink(accounts, locals.actor, networkId, userId, { baseUrl, mailer })
		);
		return result({
			action: 'resetLink',
			userId,
			reset: { email: link.email, url: shownUrl(link) }
		});
	}
};
