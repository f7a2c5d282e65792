import { m } from '$lib/paraglide/messages';

/** Labels for the domain's stable keys, in the current language. */

export function roleLabel(role: string): string {
	return (
		{
			network_admin: m.role_network_admin,
			partner_staff: m.role_partner_staff,
			coordinator: m.role_coordinator,
			viewer: m.role_viewer
		}[role] ?? (() => role)
	)();
}

export function partnerRoleLabel(role: string): string {
	return (
		{
			training_ta: m.role_training_ta,
			implementation: m.role_implementation,
			funding: m.role_funding,
			local_government: m.role_local_government,
			community: m.role_community,
			coordination: m.role_coordination
		}[role] ?? (() => role)
	)();
}

export function statusLabel(status: string): string {
	return (
		{
			forming: m.status_forming,
			active: m.status_active,
			inactive: m.status_inactive,
			archived: m.status_archived
		}[status] ?? (() => status)
	)();
}

export function placeKindLabel(kind: string): string {
	return (
		{
			program_region: m.place_kind_program_region,
			department: m.place_kind_department,
			province: m.place_kind_province,
			district: m.place_kind_district,
			city: m.place_kind_city,
			community: m.place_kind_community
		}[kind] ?? (() => kind)
	)();
}

export function organizationKindLabel(kind: string): string {
	return (
		{
			international_trainer: m.org_kind_international_trainer,
			national_ngo: m.org_kind_national_ngo,
			funder: m.org_kind_funder,
			local_government: m.org_kind_local_government,
			community_group: m.org_kind_community_group
		}[kind] ?? (() => kind)
	)();
}

/** The twelve community sectors, with labels adapted to Peru. */
export function sectorLabel(sector: string): string {
	return (
		{
			youth: m.sector_youth,
			parents: m.sector_parents,
			business: m.sector_business,
			media: m.sector_media,
			schools: m.sector_schools,
			youth_serving_org: m.sector_youth_serving_org,
			law_enforcement: m.sector_law_enforcement,
			religious_fraternal: m.sector_religious_fraternal,
			civic_volunteer: m.sector_civic_volunteer,
			healthcare: m.sector_healthcare,
			government_substance_agency: m.sector_government_substance_agency,
			other_substance_org: m.sector_other_substance_org
		}[sector] ?? (() => sector)
	)();
}

/** Peruvian examples of who belongs to a sector. */
export function sectorHint(sector: string): string {
	return (
		{
			youth: m.sector_youth_hint,
			parents: m.sector_parents_hint,
			business: m.sector_business_hint,
			media: m.sector_media_hint,
			schools: m.sector_schools_hint,
			youth_serving_org: m.sector_youth_serving_org_hint,
			law_enforcement: m.sector_law_enforcement_hint,
			religious_fraternal: m.sector_religious_fraternal_hint,
			civic_volunteer: m.sector_civic_volunteer_hint,
			healthcare: m.sector_healthcare_hint,
			government_substance_agency: m.sector_government_substance_agency_hint,
			other_substance_org: m.sector_other_substance_org_hint
		}[sector] ?? (() => sector)
	)();
}

export function sectorList(sectors: readonly string[]): string {
	return sectors.map(sectorLabel).join(', ');
}

export function storyStatusLabel(status: string): string {
	return (
		{
			draft: m.story_status_draft,
			in_review: m.story_status_in_review,
			published: m.story_status_published,
			unpublished: m.story_status_unpublished
		}[status] ?? (() => status)
	)();
}

export function photoConsentLabel(consent: string): string {
	return (
		{
			no_identifiable_people: m.story_photo_consent_none,
			recorded: m.story_photo_consent_recorded
		}[consent] ?? (() => consent)
	)();
}
