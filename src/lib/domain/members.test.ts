import { describe, expect, it } from 'vitest';
import {
	ageGroupFor,
	ageGroupMatches,
	consentErrors,
	isActiveMembership,
	isMinor,
	minorDetailsAllowed,
	sectorCoverage,
	todayInLima
} from './members';

const today = '2026-11-27';

describe('isMinor', () => {
	it('lets a birth year make a person a minor, by the difference of years', () => {
		expect(isMinor(null, 2010, today)).toBe(true);
		expect(isMinor(null, 2009, today)).toBe(true);
		expect(isMinor(null, 2008, today)).toBe(false);
		expect(isMinor('30_59', 1980, today)).toBe(false);
	});

	it('falls back on the age group', () => {
		expect(isMinor('under_15', null, today)).toBe(true);
		expect(isMinor('15_17', null, today)).toBe(true);
		expect(isMinor('18_29', null, today)).toBe(false);
		expect(isMinor(null, null, today)).toBe(false);
		// the year alone says 18, but a 15–17 age group keeps the protection
		expect(isMinor('15_17', 2008, today)).toBe(true);
	});
});

describe('age groups from a birth year', () => {
	it('places a year in its group, allowing for a birthday still to come', () => {
		expect(ageGroupFor(2015, today)).toBe('under_15');
		expect(ageGroupFor(2010, today)).toBe('15_17');
		expect(ageGroupFor(2000, today)).toBe('18_29');
		expect(ageGroupFor(1970, today)).toBe('30_59');
		expect(ageGroupFor(1950, today)).toBe('60_plus');
		expect(ageGroupMatches('15_17', 2008, today)).toBe(true);
		expect(ageGroupMatches('18_29', 2008, today)).toBe(true);
		expect(ageGroupMatches('30_59', 2008, today)).toBe(false);
	});
});

describe('what may be kept about a minor', () => {
	it('needs a consent for anything beyond a first name and an age group', () => {
		expect(minorDetailsAllowed(false)).toBe(false);
		expect(minorDetailsAllowed(true)).toBe(true);
		const typed = {
			lastName: 'Quispe',
			email: '',
			phone: '987 654 321',
			gender: null,
			birthYear: 2011,
			organizationName: '  '
		};
		expect(consentErrors(typed, true, false)).toEqual({
			lastName: 'consent_required',
			phone: 'consent_required',
			birthYear: 'consent_required'
		});
		expect(consentErrors(typed, true, true)).toEqual({});
		expect(consentErrors(typed, false, false)).toEqual({});
		expect(consentErrors({}, true, false)).toEqual({});
	});
});

describe('sectorCoverage', () => {
	const m = (sector: string, started_on: string, ended_on: string | null = null) => ({
		sector,
		started_on,
		ended_on
	});

	it('counts memberships active today, the last day included', () => {
		expect(isActiveMembership(m('media', '2026-01-01', today), today)).toBe(true);
		expect(isActiveMembership(m('media', '2026-01-01', '2026-11-26'), today)).toBe(false);
		expect(isActiveMembership(m('media', '2026-11-28'), today)).toBe(false);
		expect(isActiveMembership(m('media', today), today)).toBe(true);
	});

	it('lists the twelve sectors in order with their active representatives and the gaps', () => {
		const coverage = sectorCoverage(
			[
				m('youth', '2025-03-01'),
				m('youth', '2025-03-01'),
				m('parents', '2024-01-01', '2025-12-31'),
				m('schools', '2026-12-01'),
				m('law_enforcement', '2020-05-05', '2030-01-01'),
				m('healthcare', '2019-01-01')
			],
			today
		);
		expect(coverage.sectors).toHaveLength(12);
		expect(coverage.sectors[0]).toEqual({ sector: 'youth', active: 2 });
		expect(coverage.represented).toBe(3);
		expect(coverage.total).toBe(4);
		expect(coverage.gaps).toEqual([
			'parents',
			'business',
			'media',
			'schools',
			'youth_serving_org',
			'religious_fraternal',
			'civic_volunteer',
			'government_substance_agency',
			'other_substance_org'
		]);
	});

	it('reports every sector as a gap for a coalition without members', () => {
		const coverage = sectorCoverage([], today);
		expect(coverage.represented).toBe(0);
		expect(coverage.gaps).toHaveLength(12);
	});
});

describe('todayInLima', () => {
	it('gives the date in Peru, five hours behind UTC', () => {
		expect(todayInLima(new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27');
		expect(todayInLima(new Date('2026-11-28T06:00:00Z'))).toBe('2026-11-28');
	});
});
