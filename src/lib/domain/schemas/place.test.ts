import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { PLACE_FIELDS, placeSchema } from './place';

const parse = (input: Record<string, unknown>) =>
	parseForm(placeSchema, { name: 'Tingo María', kind: 'city', ...input }, PLACE_FIELDS);

const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the place schema', () => {
	it('accepts a minimal place and normalizes empty optional fields to null', () => {
		const r = parse({});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({
			name: 'Tingo María',
			nameEn: null,
			kind: 'city',
			parentId: null,
			ubigeo: null,
			latitude: null,
			longitude: null,
			coordsApproximate: false,
			aliases: [],
			note: null
		});
	});

	it('collapses spaces in the name and requires 2 to 120 characters', () => {
		const r = parse({ name: '  Tingo   María ' });
		expect(r.ok && r.value.name).toBe('Tingo María');
		expect(errorsOf({ name: '' }).name).toBe('required');
		expect(errorsOf({ name: '   ' }).name).toBe('required');
		expect(errorsOf({ name: 'T' }).name).toBe('too_short');
		expect(errorsOf({ name: 'x'.repeat(121) }).name).toBe('too_long');
		expect(errorsOf({ nameEn: 'x'.repeat(121) }).nameEn).toBe('too_long');
	});

	it('knows the place kinds', () => {
		expect(errorsOf({ kind: '' }).kind).toBe('required');
		expect(errorsOf({ kind: 'planet' }).kind).toBe('invalid');
		for (const kind of ['program_region', 'department', 'province', 'district', 'community']) {
			expect(parse({ kind }).ok).toBe(true);
		}
	});

	it('takes a ubigeo of 2, 4 or 6 digits', () => {
		for (const ubigeo of ['10', '1006', '100601']) expect(parse({ ubigeo }).ok).toBe(true);
		for (const ubigeo of ['1', '100', '10060', '1006011', '10a6', '10-06']) {
			expect(errorsOf({ ubigeo }).ubigeo, ubigeo).toBe('ubigeo_invalid');
		}
	});

	it('checks coordinates: ranges, decimal commas, and both or neither', () => {
		const r = parse({ latitude: '-9,2951', longitude: '-76.0036' });
		expect(r.ok && [r.value.latitude, r.value.longitude]).toEqual([-9.2951, -76.0036]);
		expect(errorsOf({ latitude: '-91', longitude: '0' }).latitude).toBe('latitude_invalid');
		expect(errorsOf({ latitude: 'north', longitude: '0' }).latitude).toBe('latitude_invalid');
		expect(errorsOf({ latitude: '0', longitude: '180.5' }).longitude).toBe('longitude_invalid');
		expect(errorsOf({ latitude: '-9.3' })).toEqual({ longitude: 'coordinates_pair' });
		expect(errorsOf({ longitude: '-76' })).toEqual({ latitude: 'coordinates_pair' });
	});

	it('reads the approximate-coordinates checkbox', () => {
		const on = parse({ coordsApproximate: 'on' });
		expect(on.ok && on.value.coordsApproximate).toBe(true);
	});

	it('splits aliases on commas, dropping blanks and repeats, up to 500 characters', () => {
		const r = parse({ aliases: ' Tingo Maria ,, Tingo |Tingo Maria ' });
		expect(r.ok && r.value.aliases).toEqual(['Tingo Maria', 'Tingo']);
		expect(errorsOf({ aliases: 'x'.repeat(501) }).aliases).toBe('too_long');
		expect(errorsOf({ note: 'x'.repeat(1001) }).note).toBe('too_long');
	});

	it('gives back what was typed with the errors, so the form keeps it', () => {
		const r = parse({ name: 'T', ubigeo: '123', coordsApproximate: 'on' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.values).toMatchObject({ name: 'T', ubigeo: '123', coordsApproximate: 'on' });
		expect(r.errors).toEqual({ name: 'too_short', ubigeo: 'ubigeo_invalid' });
	});
});
