import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { shiftDays, todayInLima } from '../meetings';
import { AGREEMENT_FIELDS, agreementSchema } from './agreement';

const good = {
	municipality: '  Municipalidad Provincial   del Callao ',
	organizationId: '',
	title: 'Convenio de cooperación interinstitucional',
	scope: 'Prevención del consumo de drogas en colegios.',
	status: 'signed',
	signedOn: '2025-06-12',
	validUntil: '2027-06-11',
	documentUrl: ' https://www.municallao.gob.pe/convenio.pdf ',
	version: ''
};

const parse = (input: Record<string, unknown>) =>
	parseForm(agreementSchema, { ...good, ...input }, AGREEMENT_FIELDS);

const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the agreement schema', () => {
	it('accepts a signed convenio and tidies it', () => {
		const r = parse({});
		expect(r.ok && r.value).toEqual({
			...good,
			municipality: 'Municipalidad Provincial del Callao',
			organizationId: null,
			documentUrl: 'https://www.municallao.gob.pe/convenio.pdf'
		});
	});

	it('needs the signing date once the convenio is signed, expired or terminated', () => {
		for (const status of ['signed', 'expired', 'terminated']) {
			expect(errorsOf({ status, signedOn: '', validUntil: '' }), status).toEqual({
				signedOn: 'required'
			});
		}
		for (const status of ['draft', 'negotiating']) {
			expect(parse({ status, signedOn: '', validUntil: '' }).ok, status).toBe(true);
		}
		expect(errorsOf({ status: '' })).toEqual({ status: 'required' });
		expect(errorsOf({ status: 'lost' })).toEqual({ status: 'invalid' });
	});

	it('refuses a signing date in the future, but not a validity that runs for years', () => {
		const tomorrow = shiftDays(todayInLima(), 1);
		expect(errorsOf({ signedOn: tomorrow })).toEqual({ signedOn: 'date_future' });
		expect(parse({ signedOn: todayInLima(), validUntil: '2099-12-31' }).ok).toBe(true);
	});

	it('keeps the dates in order and well formed', () => {
		expect(errorsOf({ validUntil: '2025-06-11' })).toEqual({ validUntil: 'dates_order' });
		expect(parse({ validUntil: '2025-06-12' }).ok).toBe(true);
		expect(errorsOf({ signedOn: '12/06/2025' })).toEqual({ signedOn: 'date_invalid' });
		expect(errorsOf({ validUntil: '2027-02-29' })).toEqual({ validUntil: 'date_invalid' });
	});

	it('needs a web address for the document', () => {
		for (const documentUrl of ['convenio.pdf', 'ftp://muni.gob.pe/c.pdf', 'javascript:alert(1)']) {
			expect(errorsOf({ documentUrl }), documentUrl).toEqual({ documentUrl: 'url_invalid' });
		}
		expect(errorsOf({ documentUrl: `https://muni.gob.pe/${'x'.repeat(300)}` })).toEqual({
			documentUrl: 'too_long'
		});
		expect(parse({ documentUrl: '' }).ok).toBe(true);
	});

	it('limits the texts', () => {
		expect(errorsOf({ municipality: '' })).toEqual({ municipality: 'required' });
		expect(errorsOf({ municipality: 'M' })).toEqual({ municipality: 'too_short' });
		expect(errorsOf({ municipality: 'M'.repeat(161) })).toEqual({ municipality: 'too_long' });
		expect(errorsOf({ title: 'x'.repeat(201) })).toEqual({ title: 'too_long' });
		expect(errorsOf({ scope: 'x'.repeat(2001) })).toEqual({ scope: 'too_long' });
	});
});
