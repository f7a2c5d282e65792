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

/** The seven strategies for community change (the same words as the training topics). */
export function strategyLabel(strategy: string): string {
	return (
		{
			provide_information: m.topic_provide_information,
			enhance_skills: m.topic_enhance_skills,
			provide_support: m.topic_provide_support,
			access_barriers: m.topic_access_barriers,
			change_consequences: m.topic_change_consequences,
			change_physical_design: m.topic_change_physical_design,
			modify_policies: m.topic_modify_policies
		}[strategy] ?? (() => strategy)
	)();
}

/** What an audit entry did, for the histories and the change log. */
export function auditActionLabel(action: string): string {
	return (
		(
			{
				create: m.audit_create,
				update: m.audit_update,
				archive: m.audit_archive,
				restore: m.audit_restore,
				delete: m.audit_delete,
				add_role: m.audit_add_role,
				remove_role: m.audit_remove_role,
				grant_role: m.audit_grant_role,
				revoke_role: m.audit_revoke_role,
				deactivate: m.audit_deactivate,
				reactivate: m.audit_reactivate,
				issue_reset_link: m.audit_issue_reset_link,
				accept_invitation: m.audit_accept_invitation,
				add_note: m.audit_add_note,
				stage: m.stage_audit_action,
				start: m.product_action_start,
				save: m.product_action_save,
				submit: m.product_action_submit,
				approve: m.product_action_approve,
				return: m.product_action_return,
				comment: m.product_action_comment,
				reopen: m.product_action_reopen,
				erase: m.people_audit_erase,
				add_consent: m.people_audit_add_consent,
				end_membership: m.people_audit_end_membership,
				add_membership: m.people_audit_add_membership
			} as Record<string, () => string>
		)[action]?.() ?? action.replace(/_/g, ' ')
	);
}
