import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRecord } from '$lib/domain/forms';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	addPartnerRole,
	partnerForEdit,
	removePartnerRole,
	updatePartner
} from '$lib/server/partners/workspace';
import { workspaceNetworkId } from '$lib/server/workspace/request';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { workspace } = await parent();
	return {
		record: await orNotFound(() => partnerForEdit(db, locals.actor, workspace.id, params.id)),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			updatePartner(db, locals.actor, networkId, params.id, form)
		);
		if (result.status === 'invalid')
			return fail(400, { errors: result.errors, values: result.values });
		if (result.status === 'stale') return fail(409, { stale: true, values: result.values });
		redirect(303, href(`/app/partners/${params.id}?saved=1`));
	},
	// Its own keys in the answer, so the role form's errors never land in the organization form.
	addRole: async ({ locals, params, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const form = formRecord(await request.formData());
		const result = await orNotFound(() =>
			addPartnerRole(db, locals.actor, networkId, params.id, form)
		);
		if (result.status === 'invalid') {
			return fail(400, { roleErrors: result.errors, roleValues: result.values });
		}
		redirect(303, href(`/app/partners/${params.id}?saved=1#roles-title`));
	},
	removeRole: async ({ locals, params, request, cookies }) => {
		const networkId = await workspaceNetworkId(locals.actor, cookies.get('minka_network'));
		const roleId = formRecord(await request.formData()).roleId ?? '';
		const { remaining } = await orNotFound(() =>
			removePartnerRole(db, locals.actor, networkId, params.id, roleId)
		);
		// Without a role here the organization is no longer this network's partner: back to the list.
		if (remaining === 0) redirect(303, href('/app/partners?left=1'));
		redirect(303, href(`/app/partners/${params.id}?saved=1#roles-title`));
	}
};
