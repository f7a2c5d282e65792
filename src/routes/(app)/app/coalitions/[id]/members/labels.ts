import { m } from '$lib/paraglide/messages';

export { sectorHint, sectorLabel, sectorList } from '$lib/labels';

/** Labels for the people vocabulary (sectors adapted to Peru, roles, ages, consent), in the current language. */

const label = (table: Record<string, () => string>, key: string) => (table[key] ?? (() => key))();

export function memberRoleLabel(role: string): string {
	return label(
		{
			chair: m.member_role_chair,
			coordinator: m.member_role_coordinator,
			member: m.member_role_member,
			youth_member: m.member_role_youth_member
		},
		role
	);
}

export function ageGroupLabel(group: string): string {
	return label(
		{
			under_15: m.member_age_under_15,
			'15_17': m.member_age_15_17,
			'18_29': m.member_age_18_29,
			'30_59': m.member_age_30_59,
			'60_plus': m.member_age_60_plus
		},
		group
	);
}

export function genderLabel(gender: string): string {
	return label(
		{
			female: m.member_gender_female,
			male: m.member_gender_male,
			other: m.member_gender_other
		},
		gender
	);
}

export function consentMethodLabel(method: string): string {
	return label(
		{
			written: m.consent_method_written,
			verbal_witnessed: m.consent_method_verbal_witnessed,
			digital: m.consent_method_digital
		},
		method
	);
}

/** The member and consent forms' labels, shared by the forms, their error summaries and the history. */
export function memberFieldLabels(): Record<string, string> {
	return {
		firstName: m.member_first_name(),
		lastName: m.member_last_name(),
		email: m.member_email(),
		phone: m.member_phone(),
		gender: m.member_gender(),
		birthYear: m.member_birth_year(),
		ageGroup: m.member_age_group(),
		role: m.member_role(),
		sector: m.member_sector(),
		organizationName: m.member_organization(),
		startedOn: m.member_started(),
		endedOn: m.member_ended(),
		coalitionId: m.member_coalition(),
		guardianName: m.consent_guardian_name(),
		relationship: m.consent_relationship(),
		method: m.consent_method(),
		consentedOn: m.consent_date(),
		documentRef: m.consent_document(),
		// what the history records instead of personal values
		hasLastName: m.people_field_has_last_name(),
		hasEmail: m.people_field_has_email(),
		hasPhone: m.people_field_has_phone(),
		hasGender: m.people_field_has_gender(),
		hasBirthYear: m.people_field_has_birth_year(),
		hasOrganization: m.people_field_has_organization(),
		organizations: m.people_field_organizations(),
		consents: m.people_field_consents(),
		consentMethod: m.consent_method(),
		erased: m.people_field_erased()
	};
}

/** "Lucía Quispe", or the anonymous label once the person's data was erased. */
export function personName(p: { firstName: string | null; lastName?: string | null }): string {
	if (p.firstName === null) return m.member_anonymous();
	return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** Sector names inside a sentence, separated by commas ("y" would blur names that contain it). */
