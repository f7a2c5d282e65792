import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import {
	CONSENT_FIELDS,
	consentSchema,
	endMembershipSchema,
	hasConsentInput,
	isDateText,
	MEMBER_FIELDS,
	memberSchema,
	minorFromValues
} from './member';

const today = '2026-11-27';

const adult = {
	firstName: '  Rosa   María ',
	lastName: 'Huamán',
	email: ' Rosa@Ejemplo.PE ',
	phone: '987  654 321',
	gender: 'female',
	birthYear: '1985',
	ageGroup: '',
	role: 'member',
	sector: 'healthcare',
	organizationName: 'Posta de salud Márquez',
	startedOn: '2026-03-01',
	endedOn: ''
};

const parse = (input: Record<string, unknown>) =>
	parseForm(memberSchema(today), { ...adult, ...input }, MEMBER_FIELDS);
const errorsOf = (input: Record<string, unknown>) => {
	const r = parse(input);
	return r.ok ? {} : r.errors;
};

describe('the member schema', () => {
	it('tidies what was typed and fills the age group from the birth year', () => {
		const r = parse({});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({
			firstName: 'Rosa María',
			lastName: 'Huamán',
			email: 'rosa@ejemplo.pe',
			phone: '987 654 321',
			gender: 'female',
			birthYear: 1985,
			ageGroup: '30_59',
			role: 'member',
			sector: 'healthcare',
			startedOn: '2026-03-01',
			endedOn: null
		});
	});

	it('needs a first name, a role, a sector and a start date', () => {
		expect(errorsOf({ firstName: ' ', role: '', sector: '', startedOn: '' })).toEqual({
			firstName: 'required',
			role: 'required',
			sector: 'required',
			startedOn: 'required'
		});
		expect(errorsOf({ sector: 'police' }).sector).toBe('invalid');
	});

	it('needs a birth year or an age group, and the two must agree', () => {
		expect(errorsOf({ birthYear: '', ageGroup: '' })).toEqual({ ageGroup: 'age_required' });
		expect(errorsOf({ birthYear: '', ageGroup: '60_plus' })).toEqual({});
		expect(errorsOf({ birthYear: '1985', ageGroup: '15_17' })).toEqual({
			ageGroup: 'age_mismatch'
		});
		expect(errorsOf({ birthYear: '1890' }).birthYear).toBe('year_invalid');
		expect(errorsOf({ birthYear: '2027' }).birthYear).toBe('year_invalid');
		expect(errorsOf({ ageGroup: 'teen' }).ageGroup).toBe('invalid');
	});

	it('keeps the youth member role for minors', () => {
		expect(errorsOf({ role: 'youth_member' })).toEqual({ role: 'youth_member_age' });
		expect(errorsOf({ role: 'youth_member', birthYear: '2011', sector: 'youth' })).toEqual({});
		expect(
			errorsOf({ role: 'youth_member', birthYear: '', ageGroup: 'under_15', sector: 'youth' })
		).toEqual({});
	});

	it('checks the dates: real days, not in the future, the end not before the start', () => {
		expect(errorsOf({ startedOn: '2026-02-30' }).startedOn).toBe('date_invalid');
		expect(errorsOf({ startedOn: '01/03/2026' }).startedOn).toBe('date_invalid');
		expect(errorsOf({ startedOn: '2026-11-28' }).startedOn).toBe('date_future');
		expect(errorsOf({ startedOn: today })).toEqual({});
		expect(errorsOf({ endedOn: '2026-02-28' })).toEqual({ endedOn: 'dates_order' });
		expect(errorsOf({ endedOn: '2027-01-01' }).endedOn).toBe('date_future');
		const r = parse({ endedOn: '2026-03-01' });
		expect(r.ok && r.value.endedOn).toBe('2026-03-01');
	});

	it('refuses a malformed e-mail or phone and overlong text', () => {
		expect(errorsOf({ email: 'rosa@' }).email).toBe('email_invalid');
		expect(errorsOf({ phone: 'llamar al 98' }).phone).toBe('invalid');
		expect(errorsOf({ lastName: 'x'.repeat(81) }).lastName).toBe('too_long');
		const r = parse({ email: '', phone: '', lastName: '' });
		expect(r.ok && [r.value.email, r.value.phone, r.value.lastName]).toEqual([null, null, null]);
	});
});

describe('the consent schema', () => {
	const good = {
		guardianName: ' Juana Quispe ',
		relationship: 'madre',
		method: 'written',
		consentedOn: '2026-11-20',
		documentRef: 'Acta 12-2026'
	};
	const parseConsent = (input: Record<string, unknown>) =>
		parseForm(consentSchema(today), { ...good, ...input }, CONSENT_FIELDS);

	it('accepts who, how and when', () => {
		expect(parseConsent({})).toEqual({
			ok: true,
			value: {
				guardianName: 'Juana Quispe',
				relationship: 'madre',
				method: 'written',
				consentedOn: '2026-11-20',
				documentRef: 'Acta 12-2026'
			}
		});
	});

	it('needs every part but the document, and no date in the future', () => {
		const r = parseConsent({ guardianName: '', relationship: '', method: '', consentedOn: '' });
		expect(r.ok ? {} : r.errors).toEqual({
			guardianName: 'required',
			relationship: 'required',
			method: 'required',
			consentedOn: 'required'
		});
		const future = parseConsent({ consentedOn: '2026-12-01', method: 'email' });
		expect(future.ok ? {} : future.errors).toEqual({
			consentedOn: 'date_future',
			method: 'invalid'
		});
	});

	it('tells a filled consent part from an empty one', () => {
		expect(hasConsentInput({})).toBe(false);
		expect(hasConsentInput({ guardianName: '  ' })).toBe(false);
		expect(hasConsentInput({ method: 'written' })).toBe(true);
	});
});

describe('helpers', () => {
	it('recognises real days only', () => {
		expect(isDateText('2024-02-29')).toBe(true);
		expect(isDateText('2026-02-29')).toBe(false);
		expect(isDateText('2026-13-01')).toBe(false);
	});

	it('reads a minor from typed values, even invalid ones', () => {
		expect(minorFromValues({ ageGroup: '15_17', birthYear: '' }, today)).toBe(true);
		expect(minorFromValues({ ageGroup: '', birthYear: '2012' }, today)).toBe(true);
		expect(minorFromValues({ ageGroup: '', birthYear: 'dos mil' }, today)).toBe(false);
		expect(minorFromValues({}, today)).toBe(false);
	});

	it('ends a membership on a real past day', () => {
		const r = parseForm(endMembershipSchema(today), { endedOn: '2026-12-01' }, ['endedOn']);
		expect(r.ok ? {} : r.errors).toEqual({ endedOn: 'date_future' });
	});
});
