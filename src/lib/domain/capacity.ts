/**
 * The vocabulary of coalition capacity (issue: members by sector, youth with consent, meetings,
 * agreements, development stage, training and technical assistance). Keys are stable; labels live
 * in messages/. The twelve sectors follow the Drug-Free Communities list, adapted to Peru in the
 * labels (municipalidad, comisaría, APAFA…).
 */

export const SECTORS = [
	'youth',
	'parents',
	'business',
	'media',
	'schools',
	'youth_serving_org',
	'law_enforcement',
	'religious_fraternal',
	'civic_volunteer',
	'healthcare',
	'government_substance_agency',
	'other_substance_org'
] as const;
export type Sector = (typeof SECTORS)[number];

export const MEMBER_ROLES = ['chair', 'coordinator', 'member', 'youth_member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Age groups; the first two are minors, whose details need a guardian's consent. */
export const AGE_GROUPS = ['under_15', '15_17', '18_29', '30_59', '60_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const MINOR_AGE_GROUPS: readonly AgeGroup[] = ['under_15', '15_17'];

export const GENDERS = ['female', 'male', 'other'] as const;
export const CONSENT_METHODS = ['written', 'verbal_witnessed', 'digital'] as const;

export const MEETING_KINDS = ['coalition', 'committee', 'community', 'training', 'other'] as const;

export const AGREEMENT_STATUSES = [
	'draft',
	'negotiating',
	'signed',
	'expired',
	'terminated'
] as const;

/** The Strategic Prevention Framework's five steps, in order. */
export const SPF_STAGES = [
	'assessment',
	'capacity',
	'planning',
	'implementation',
	'evaluation'
] as const;
export type SpfStage = (typeof SPF_STAGES)[number];

/** The five planning products a coalition completes (National Coalition Academy). */
export const PLANNING_PRODUCTS = [
	'community_assessment',
	'logic_model',
	'strategic_action_plan',
	'evaluation_plan',
	'sustainability_plan'
] as const;
export type PlanningProduct = (typeof PLANNING_PRODUCTS)[number];

export const PRODUCT_STATUSES = ['not_started', 'draft', 'submitted', 'approved'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const TRAINING_KINDS = [
	'local_workshop',
	'national_institute',
	'international_institute',
	'webinar',
	'site_visit'
] as const;

export const TA_MODES = ['in_person', 'remote'] as const;
export const FOLLOWUP_STATUSES = ['open', 'done', 'dropped'] as const;

/** The seven strategies for community change, used to tag training topics and (later) plans. */
export const STRATEGIES = [
	'provide_information',
	'enhance_skills',
	'provide_support',
	'access_barriers',
	'change_consequences',
	'change_physical_design',
	'modify_policies'
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Topics a training or a TA contact can be about: an SPF step or a strategy. */
export const TOPICS = [
	...SPF_STAGES,
	'sustainability',
	'cultural_competence',
	...STRATEGIES
] as const;
