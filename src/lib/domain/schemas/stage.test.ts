import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { PRODUCT_UPDATE_FIELDS, productUpdateSchema, STAGE_FIELDS, stageSchema } from './stage';

describe('the planning product form', () => {
	it('accepts a status, a web link and a comment, and treats empty as absent', () => {
		expect(
			parseForm(
				productUpdateSchema,
				{ status: 'submitted', documentUrl: ' https://drive.example.org/plan ', comment: '' },
				PRODUCT_UPDATE_FIELDS
			)
		).toEqual({
			ok: true,
			value: {
				status: 'submitted',
				documentUrl: 'https://drive.example.org/plan',
				comment: null,
				version: ''
			}
		});
	});

	it('refuses other schemes, bare words, long links and long comments with codes', () => {
		const parse = (form: Record<string, string>) =>
			parseForm(productUpdateSchema, form, PRODUCT_UPDATE_FIELDS);
		for (const documentUrl of [
			'javascript:alert(1)',
			'ftp://files.example.org/plan',
			'plan.docx',
			`https://example.org/${'a'.repeat(300)}`
		]) {
			expect(parse({ status: 'draft', documentUrl })).toMatchObject({
				ok: false,
				errors: { documentUrl: 'url_invalid' },
				values: { documentUrl }
			});
		}
		expect(parse({ status: 'draft', comment: 'x'.repeat(4001) })).toMatchObject({
			ok: false,
			errors: { comment: 'too_long' }
		});
		expect(parse({ status: 'finished' })).toMatchObject({
			ok: false,
			errors: { status: 'invalid' }
		});
	});
});

describe('the stage form', () => {
	it('takes one of the five steps, or none', () => {
		expect(parseForm(stageSchema, { spfStage: 'planning' }, STAGE_FIELDS)).toEqual({
			ok: true,
			value: { spfStage: 'planning' }
		});
		expect(parseForm(stageSchema, { spfStage: '' }, STAGE_FIELDS)).toEqual({
			ok: true,
			value: { spfStage: null }
		});
		expect(parseForm(stageSchema, { spfStage: 'done' }, STAGE_FIELDS)).toMatchObject({
			ok: false,
			errors: { spfStage: 'invalid' }
		});
	});
});
