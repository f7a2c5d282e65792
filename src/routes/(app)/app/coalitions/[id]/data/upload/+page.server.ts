import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { TEMPLATE_COLUMNS, type TemplateColumn } from '$lib/domain/survey/columns';
import type { ColumnMapping } from '$lib/domain/survey/mapping';
import { href } from '$lib/i18n';
import { db } from '$lib/server';
import { orNotFound } from '$lib/server/http/errors';
import {
	confirmSurvey,
	previewSurvey,
	type SurveyConfirm,
	type SurveyPreview
} from '$lib/server/surveys/service';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { coalitionHeader } = await parent();
	// Only the coalition's editors may upload; everyone else gets the same answer as a missing page.
	if (!coalitionHeader.canEdit) error(404, 'not_found');
	return { period: url.searchParams.get('period') ?? String(new Date().getFullYear()) };
};

interface Upload {
	period: string;
	fileName: string;
	bytes: Uint8Array;
	mapping: ColumnMapping | undefined;
}

/**
 * The file comes either from the file input (step 1) or, on later steps, back from a hidden
 * base64 field: the service keeps nothing between steps, so the page carries the bytes.
 */
async function readUpload(request: Request): Promise<{ upload: Upload; form: FormData }> {
	const form = await request.formData();
	const file = form.get('file');
	let bytes = new Uint8Array();
	let fileName = String(form.get('fileName') ?? '');
	if (file instanceof File && file.size > 0) {
		bytes = new Uint8Array(await file.arrayBuffer());
		fileName = file.name;
	} else if (typeof form.get('bytes') === 'string') {
		bytes = new Uint8Array(Buffer.from(String(form.get('bytes')), 'base64'));
	}
	let mapping: ColumnMapping | undefined;
	if (form.get('mapped') === '1') {
		mapping = {};
		for (const column of TEMPLATE_COLUMNS as readonly TemplateColumn[]) {
			// 'h:<header>' names a column of the file, 'absent' an item the survey did not ask;
			// anything else (the empty choice) leaves the column to the automatic guess.
			const value = String(form.get(`map.${column}`) ?? '');
			if (value === 'absent') mapping[column] = null;
			else if (value.startsWith('h:')) mapping[column] = value.slice(2);
		}
	}
	return {
		upload: { period: String(form.get('period') ?? '').trim(), fileName, bytes, mapping },
		form
	};
}

/** What the page needs to show a step and to carry the file to the next one. */
function answer(result: SurveyPreview | SurveyConfirm, upload: Upload) {
	const carried = {
		period: upload.period,
		fileName: upload.fileName,
		bytes: Buffer.from(upload.bytes).toString('base64')
	};
	switch (result.status) {
		case 'invalid':
			return fail(400, { result, period: upload.period, fileName: upload.fileName, bytes: '' });
		case 'refused':
			// Only the mapping step needs the file again; a refused file is not carried around.
			return fail(400, {
				result,
				...carried,
				bytes: result.code === 'missing_columns' ? carried.bytes : ''
			});
		case 'duplicate':
		case 'changed':
			return fail(409, { result, ...carried, bytes: '' });
		default:
			return { result, ...carried };
	}
}

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const { upload } = await readUpload(request);
		const result = await orNotFound(() =>
			previewSurvey(db, locals.actor, { coalitionId: params.id, ...upload })
		);
		return answer(result, upload);
	},
	confirm: async ({ locals, params, request }) => {
		const { upload, form } = await readUpload(request);
		const result = await orNotFound(() =>
			confirmSurvey(db, locals.actor, {
				coalitionId: params.id,
				...upload,
				expectedHash: String(form.get('fileHash') ?? '')
			})
		);
		if (result.status === 'stored') {
			redirect(303, href(`/app/coalitions/${params.id}/data?saved=1&period=${result.period}`));
		}
		return answer(result, upload);
	}
};
