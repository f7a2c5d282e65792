import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Booleans go in as booleans on both databases (the dialect plugin turns them into 0/1 for SQLite);
 * they come out as 0/1 from SQLite, so rows are read through `toBool` in dialect.ts.
 */
type DefaultedBool = ColumnType<boolean | number, boolean | undefined, boolean>;
/** ISO-8601 UTC text on both databases. */
type Timestamp = string;

export interface NetworkTable {
	id: string;
	slug: string;
	name_es: string;
	name_en: string | null;
	country_code: string;
	contact_email: string | null;
	summary_es: string | null;
	summary_en: string | null;
	is_default: DefaultedBool;
	keep_raw_survey: DefaultedBool;
	suppression_min: ColumnType<number, number | undefined, number>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface PlaceTable {
	id: string;
	network_id: string;
	parent_id: string | null;
	kind: string;
	name: string;
	name_en: string | null;
	/** other spellings the place is known by, normalized, separated by '|' */
	aliases: ColumnType<string, string | undefined, string>;
	name_search: string;
	ubigeo: string | null;
	latitude: number | null;
	longitude: number | null;
	coords_approximate: DefaultedBool;
	sort_order: ColumnType<number, number | undefined, number>;
	note: string | null;
	archived_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface PhaseTable {
	id: string;
	network_id: string;
	number: number;
	name_es: string;
	name_en: string | null;
	start_year: number;
	end_year: number | null;
	summary_es: string | null;
	summary_en: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface PhaseGoalTable {
	id: string;
	phase_id: string;
	metric: string;
	target: number;
	by_year: number | null;
	/** the goal as the source stated it, kept verbatim for provenance */
	source_text: string | null;
	sort_order: ColumnType<number, number | undefined, number>;
}

export interface PhasePlaceTable {
	phase_id: string;
	place_id: string;
}

export interface OrganizationTable {
	id: string;
	slug: string;
	name: string;
	short_name: string | null;
	name_search: string;
	kind: string;
	country_code: string | null;
	website: string | null;
	description_es: string | null;
	description_en: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface PartnerRoleTable {
	id: string;
	organization_id: string;
	network_id: string;
	phase_id: string | null;
	coalition_id: string | null;
	role: string;
	note_es: string | null;
	note_en: string | null;
	created_at: Timestamp;
}

export interface CoalitionTable {
	id: string;
	network_id: string;
	place_id: string;
	phase_id: string | null;
	phase_inferred: DefaultedBool;
	phase_note_es: string | null;
	phase_note_en: string | null;
	name: string;
	name_search: string;
	slug: string;
	founded_year: number | null;
	status: string;
	seeded_by_coalition_id: string | null;
	seeded_by_organization_id: string | null;
	description_es: string | null;
	description_en: string | null;
	/** the Strategic Prevention Framework step the coalition is working on */
	spf_stage: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface StoryTable {
	id: string;
	network_id: string;
	coalition_id: string | null;
	slug: string;
	title_es: string | null;
	title_en: string | null;
	summary_es: string | null;
	summary_en: string | null;
	body_es: string | null;
	body_en: string | null;
	status: ColumnType<string, string | undefined, string>;
	published_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ContactMessageTable {
	id: string;
	network_id: string;
	coalition_id: string | null;
	name: string;
	email: string;
	topic: string;
	message: string;
	locale: string;
	status: ColumnType<string, string | undefined, string>;
	assigned_to: string | null;
	email_sent_at: Timestamp | null;
	email_error: string | null;
	created_at: Timestamp;
}

export interface RateEventTable {
	id: string;
	key: string;
	created_at: Timestamp;
}

export interface RoleGrantTable {
	id: string;
	user_id: string;
	network_id: string;
	role: string;
	organization_id: string | null;
	coalition_id: string | null;
	created_by: string | null;
	created_at: Timestamp;
}

export interface UserStateTable {
	user_id: string;
	deactivated_at: Timestamp | null;
	deactivated_by: string | null;
	updated_at: Timestamp;
}

export interface AccessTokenTable {
	id: string;
	kind: string;
	token_hash: string;
	email: string;
	user_id: string | null;
	network_id: string | null;
	role: string | null;
	organization_id: string | null;
	coalition_id: string | null;
	expires_at: Timestamp;
	used_at: Timestamp | null;
	created_by: string | null;
	created_at: Timestamp;
}

/** A personal access token for the JSON API; the secret itself is never stored. */
export interface ApiTokenTable {
	id: string;
	user_id: string;
	name: string;
	/** 'read' or 'write' (read and write) */
	scope: string;
	token_hash: string;
	prefix: string;
	expires_at: Timestamp | null;
	last_used_at: Timestamp | null;
	revoked_at: Timestamp | null;
	created_at: Timestamp;
}

export interface AuditEventTable {
	id: string;
	network_id: string | null;
	actor_user_id: string | null;
	actor_label: string;
	entity_type: string;
	entity_id: string;
	entity_label: string | null;
	action: string;
	before_json: string | null;
	after_json: string | null;
	created_at: Timestamp;
}

export interface MessageNoteTable {
	id: string;
	message_id: string;
	author_user_id: string;
	author_label: string;
	body: string;
	created_at: Timestamp;
}

/** better-auth's own tables (camelCase columns); we only read them. */
export interface AuthUserTable {
	id: string;
	name: string;
	email: string;
	emailVerified: ColumnType<boolean | number, boolean, boolean>;
	image: string | null;
	createdAt: ColumnType<string | Date, string, string>;
	updatedAt: ColumnType<string | Date, string, string>;
}

/** Dates without time are 'YYYY-MM-DD' text on both databases. */
type DateText = string;

export interface PersonTable {
	id: string;
	network_id: string;
	first_name: string;
	last_name: string | null;
	name_search: string;
	email: string | null;
	phone: string | null;
	gender: string | null;
	birth_year: number | null;
	age_group: string | null;
	erased_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface GuardianConsentTable {
	id: string;
	person_id: string;
	guardian_name: string;
	relationship: string;
	method: string;
	consented_on: DateText;
	document_ref: string | null;
	recorded_by: string;
	revoked_at: Timestamp | null;
	created_at: Timestamp;
}

export interface MembershipTable {
	id: string;
	coalition_id: string;
	person_id: string;
	role: string;
	sector: string;
	organization_name: string | null;
	started_on: DateText;
	ended_on: DateText | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface MeetingTable {
	id: string;
	coalition_id: string;
	held_on: DateText;
	kind: string;
	title: string | null;
	guests_count: ColumnType<number, number | undefined, number>;
	decisions: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface MeetingAttendanceTable {
	meeting_id: string;
	membership_id: string;
}

export interface AgreementTable {
	id: string;
	coalition_id: string;
	municipality: string;
	organization_id: string | null;
	title: string;
	scope: string | null;
	status: string;
	signed_on: DateText | null;
	valid_until: DateText | null;
	document_url: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface PlanningProductTable {
	id: string;
	coalition_id: string;
	product: string;
	status: string;
	document_url: string | null;
	started_on: DateText | null;
	submitted_on: DateText | null;
	approved_on: DateText | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ProductReviewTable {
	id: string;
	product_id: string;
	author_user_id: string;
	author_label: string;
	status_after: string | null;
	body: string;
	created_at: Timestamp;
}

export interface TrainingEventTable {
	id: string;
	network_id: string;
	title: string;
	title_search: string;
	kind: string;
	starts_on: DateText;
	ends_on: DateText | null;
	place: string | null;
	organizer_id: string | null;
	topics: ColumnType<string, string | undefined, string>;
	hours: number;
	description: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface TrainingAttendanceTable {
	id: string;
	event_id: string;
	person_id: string;
	coalition_id: string | null;
	hours: number | null;
	certificate_code: string;
	created_at: Timestamp;
}

export interface TaContactTable {
	id: string;
	coalition_id: string;
	contact_on: DateText;
	provider_id: string | null;
	provider_person: string | null;
	mode: string;
	hours: number;
	topic: string;
	summary: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface TaFollowupTable {
	id: string;
	contact_id: string;
	action: string;
	due_on: DateText;
	owner: string | null;
	status: string;
	done_on: DateText | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface IndicatorTable {
	id: string;
	network_id: string | null;
	code: string;
	kind: string;
	measure: string | null;
	substance: string | null;
	name_es: string;
	name_en: string | null;
	unit: string;
	numerator_es: string | null;
	numerator_en: string | null;
	denominator_es: string | null;
	denominator_en: string | null;
	source: string | null;
	archived_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface SurveyUploadTable {
	id: string;
	coalition_id: string;
	period: string;
	file_hash: string;
	file_name: string;
	rows_total: number;
	rows_with_problems: number;
	raw_kept: DefaultedBool;
	uploaded_by: string;
	created_at: Timestamp;
}

export interface SurveyResponseTable {
	id: string;
	upload_id: string;
	line: number;
	answers_json: string;
}

export interface IndicatorValueTable {
	id: string;
	indicator_id: string;
	coalition_id: string | null;
	place_id: string | null;
	period: string;
	cell: ColumnType<string, string | undefined, string>;
	numerator: number;
	denominator: number | null;
	source: string | null;
	notes: string | null;
	survey_upload_id: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface IndicatorTargetTable {
	id: string;
	indicator_id: string;
	coalition_id: string;
	baseline_value: number | null;
	baseline_period: string | null;
	target_value: number | null;
	target_period: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface LogicModelTable {
	id: string;
	coalition_id: string;
	version: number;
	status: string;
	title: string;
	approved_on: DateText | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface LogicModelItemTable {
	id: string;
	model_id: string;
	kind: string;
	parent_id: string | null;
	origin_item_id: string | null;
	text_es: string | null;
	text_en: string | null;
	strategy_code: string | null;
	outcome_term: string | null;
	indicator_id: string | null;
	baseline_value: number | null;
	target_value: number | null;
	sort_order: ColumnType<number, number | undefined, number>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ActionTaskTable {
	id: string;
	coalition_id: string;
	model_item_id: string;
	title: string;
	owner: string | null;
	due_on: DateText | null;
	status: string;
	resources: string | null;
	process_measure: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ActivityTable {
	id: string;
	coalition_id: string;
	happened_on: DateText;
	description: string;
	task_id: string | null;
	strategy_code: string | null;
	kind: string;
	reached_youth_f: number | null;
	reached_youth_m: number | null;
	reached_adult_f: number | null;
	reached_adult_m: number | null;
	reached_total: number | null;
	sectors: ColumnType<string, string | undefined, string>;
	volunteers: number | null;
	volunteer_hours: number | null;
	media_coverage: string | null;
	resources: string | null;
	in_kind_value: number | null;
	client_draft_id: string | null;
	created_by: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface CommunityChangeTable {
	id: string;
	coalition_id: string;
	kind: string;
	title: string;
	description: string | null;
	sector: string | null;
	local_condition_item_id: string | null;
	happened_on: DateText;
	evidence: string | null;
	status: string;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface StoryPhotoTable {
	id: string;
	story_id: string;
	file_name: string;
	mime_type: string;
	width: number;
	height: number;
	byte_size: number;
	alt_es: string | null;
	alt_en: string | null;
	caption_es: string | null;
	caption_en: string | null;
	consent: string;
	consent_note: string | null;
	sort_order: ColumnType<number, number | undefined, number>;
	created_at: Timestamp;
}

export interface StoryPersonTable {
	story_id: string;
	person_id: string;
}

export interface StoryReviewTable {
	id: string;
	story_id: string;
	author_user_id: string | null;
	author_label: string;
	status_after: string | null;
	body: string;
	created_at: Timestamp;
}

export interface DB {
	network: NetworkTable;
	place: PlaceTable;
	phase: PhaseTable;
	phase_goal: PhaseGoalTable;
	phase_place: PhasePlaceTable;
	organization: OrganizationTable;
	partner_role: PartnerRoleTable;
	coalition: CoalitionTable;
	story: StoryTable;
	contact_message: ContactMessageTable;
	rate_event: RateEventTable;
	role_grant: RoleGrantTable;
	user_state: UserStateTable;
	access_token: AccessTokenTable;
	audit_event: AuditEventTable;
	message_note: MessageNoteTable;
	user: AuthUserTable;
	person: PersonTable;
	guardian_consent: GuardianConsentTable;
	membership: MembershipTable;
	meeting: MeetingTable;
	meeting_attendance: MeetingAttendanceTable;
	agreement: AgreementTable;
	planning_product: PlanningProductTable;
	product_review: ProductReviewTable;
	training_event: TrainingEventTable;
	training_attendance: TrainingAttendanceTable;
	ta_contact: TaContactTable;
	ta_followup: TaFollowupTable;
	indicator: IndicatorTable;
	survey_upload: SurveyUploadTable;
	survey_response: SurveyResponseTable;
	indicator_value: IndicatorValueTable;
	indicator_target: IndicatorTargetTable;
	logic_model: LogicModelTable;
	logic_model_item: LogicModelItemTable;
	action_task: ActionTaskTable;
	activity: ActivityTable;
	community_change: CommunityChangeTable;
	story_review: StoryReviewTable;
	story_photo: StoryPhotoTable;
	story_person: StoryPersonTable;
	api_token: ApiTokenTable;
}

export type NetworkRow = Selectable<NetworkTable>;
export type PlaceRow = Selectable<PlaceTable>;
export type NewPlace = Insertable<PlaceTable>;
export type PlaceUpdate = Updateable<PlaceTable>;
export type PhaseRow = Selectable<PhaseTable>;
export type PhaseGoalRow = Selectable<PhaseGoalTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type PartnerRoleRow = Selectable<PartnerRoleTable>;
export type CoalitionRow = Selectable<CoalitionTable>;
export type NewCoalition = Insertable<CoalitionTable>;
export type StoryRow = Selectable<StoryTable>;
export type ContactMessageRow = Selectable<ContactMessageTable>;
export type NewContactMessage = Insertable<ContactMessageTable>;
