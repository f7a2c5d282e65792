import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import {
	NEW_PARTNER_FIELDS,
	ORGANIZATION_FIELDS,
	PARTNER_ROLE_FIELDS,
	newPartnerSchema,
	organizationSchema,
	partnerRoleSchema
} from './organization';

const good = {
	name: '  Centro de Información   y Educación ',
	shortName: ' CEDRO ',
	slug: '',
	kind: 'national_ngo',
	countryCode: ' pe ',
	website: ' https://www.cedro.org.pe ',
	descriptionEs: '',
	descriptionEn: 'A Lima NGO.',
	version: '2026-01-01T00:00:00.000Z'
};

const parseOrganization = (input: Record<string, unknown>) =>
	parseForm(organizationSchema, input, ORGANIZATION_FIELDS);

describe('organizationSchema', () => {
	it('tidies the text, upper-cases the country and makes the slug from the acronym', () => {
		expect(parseOrganization(good)).toEqual({
			ok: true,
			value: {
				name: 'Centro de Información y Educación',
				shortName: 'CEDRO',
				slug: 'cedro',
				kind: 'national_ngo',
				countryCode: 'PE',
				website: 'https://www.cedro.org.pe',
				descriptionEs: null,
				descriptionEn: 'A Lima NGO.',
				version: '2026-01-01T00:00:00.000Z'
			}
		});
	});

	it('makes the slug from the name when there is no acronym, and keeps a typed one', () => {
		const fromName = parseOrganization({ ...good, shortName: '', name: 'Municipalidad de Comas' });
		expect(fromName.ok && fromName.value).toMatchObject({
			shortName: null,
			slug: 'municipalidad-de-comas'
		});
		const typed = parseOrganization({ ...good, slug: ' Mi-ONG ' });
		expect(typed.ok && typed.value.slug).toBe('mi-ong');
	});

	it('asks for a slug when none can be made from the name', () => {
		expect(parseOrganization({ ...good, shortName: '', name: '日本財団' })).toMatchObject({
			ok: false,
			errors: { slug: 'required' }
		});
	});

	it('treats empty optional fields as absent, including a missing field', () => {
		const r = parseOrganization({ name: 'SUMBI', kind: 'national_ngo' });
		expect(r.ok && r.value).toMatchObject({
			shortName: null,
			slug: 'sumbi',
			countryCode: null,
			website: null,
			descriptionEs: null,
			descriptionEn: null
		});
	});

	it('reports each bad field with its code and gives the input back as typed', () => {
		const bad = {
			name: ' A ',
			shortName: 'x'.repeat(41),
			slug: 'No Vale!',
			kind: 'club',
			countryCode: 'PER',
			website: 'www.cedro.org.pe',
			descriptionEs: 'x'.repeat(2001),
			descriptionEn: ''
		};
		const r = parseOrganization(bad);
		expect(r).toEqual({
			ok: false,
			errors: {
				name: 'too_short',
				shortName: 'too_long',
				slug: 'slug_invalid',
				kind: 'invalid',
				countryCode: 'invalid',
				website: 'url_invalid',
				descriptionEs: 'too_long'
			},
			values: { ...bad, version: '' }
		});
	});

	it('needs a name and a kind', () => {
		expect(parseOrganization({ name: '   ' })).toMatchObject({
			ok: false,
			errors: { name: 'required', kind: 'required' }
		});
		expect(parseOrganization({ ...good, name: 'x'.repeat(201) })).toMatchObject({
			errors: { name: 'too_long' }
		});
	});

	it('accepts only http and https web addresses of at most 300 characters', () => {
		for (const website of ['ftp://cedro.org.pe', 'javascript:alert(1)', 'https://cedro', 'cedro']) {
			expect(parseOrganization({ ...good, website }), website).toMatchObject({
				errors: { website: 'url_invalid' }
			});
		}
		expect(parseOrganization({ ...good, website: 'http://sumbi.org.pe/quienes-somos' }).ok).toBe(
			true
		);
		const long = `https://example.org/${'a'.repeat(281)}`;
		expect(parseOrganization({ ...good, website: long })).toMatchObject({
			errors: { website: 'too_long' }
		});
	});
});

describe('partnerRoleSchema', () => {
	const parseRole = (input: Record<string, unknown>) =>
		parseForm(partnerRoleSchema, input, PARTNER_ROLE_FIELDS);

	it('takes a role with an optional phase, coalition and notes', () => {
		expect(parseRole({ role: 'training_ta', phaseId: ' p1 ', noteEs: ' Capacitación ' })).toEqual({
			ok: true,
			value: {
				role: 'training_ta',
				phaseId: 'p1',
				coalitionId: null,
				noteEs: 'Capacitación',
				noteEn: null
			}
		});
	});

	it('refuses an unknown role and long notes', () => {
		expect(parseRole({ role: 'sponsor', noteEn: 'x'.repeat(501) })).toMatchObject({
			ok: false,
			errors: { role: 'invalid', noteEn: 'too_long' }
		});
		expect(parseRole({})).toMatchObject({ ok: false, errors: { role: 'required' } });
	});
});

describe('newPartnerSchema', () => {
	it('reads the organization and its first role from one form', () => {
		const r = parseForm(newPartnerSchema, { ...good, role: 'implementation' }, NEW_PARTNER_FIELDS);
		expect(r.ok && r.value).toMatchObject({
			name: 'Centro de Información y Educación',
			slug: 'cedro',
			role: 'implementation',
			phaseId: null,
			coalitionId: null
		});
	});

	it('reports organization and role errors together', () => {
		const r = parseForm(newPartnerSchema, { ...good, name: '', role: '' }, NEW_PARTNER_FIELDS);
		expect(r).toMatchObject({ ok: false, errors: { name: 'required', role: 'required' } });
	});
});
