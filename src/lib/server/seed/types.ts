import type {
	CoalitionStatus,
	GoalMetric,
	OrganizationKind,
	PartnerRole,
	PlaceKind
} from '$lib/domain/network';

/** A phase assignment and who started the coalitions below a place; inherited down the tree. */
export interface SeedLineage {
	phase?: number;
	phaseInferred?: boolean;
	phaseNoteEs?: string;
	phaseNoteEn?: string;
	seededBy?: string;
}

export interface SeedPlace extends SeedLineage {
	kind: PlaceKind;
	name: string;
	nameEn?: string;
	/** other spellings, e.g. how the program page writes the name */
	aliases?: string[];
	ubigeo?: string;
	lat?: number;
	lon?: number;
	approximate?: boolean;
	note?: string;
	/** a coalition works in this place, named after it */
	coalition?: { status?: CoalitionStatus; foundedYear?: number } | true;
	children?: SeedPlace[];
}

export interface SeedPhase {
	number: number;
	nameEs: string;
	nameEn: string;
	startYear: number;
	endYear?: number;
	summaryEs: string;
	summaryEn: string;
	goals: { metric: GoalMetric; target: number; byYear?: number; sourceText: string }[];
	/** place names (as in the tree) the phase set out to reach */
	targetPlaces: string[];
	partners: { organization: string; role: PartnerRole; noteEs?: string; noteEn?: string }[];
}

export interface SeedOrganization {
	slug: string;
	name: string;
	shortName: string;
	kind: OrganizationKind;
	countryCode?: string;
	website?: string;
	descriptionEs: string;
	descriptionEn: string;
}

export interface SeedStory {
	slug: string;
	/** name of the coalition it is about, if any */
	coalition?: string;
	titleEs: string;
	titleEn: string;
	summaryEs: string;
	summaryEn: string;
	/** paragraphs separated by blank lines */
	bodyEs: string;
	bodyEn: string;
}

export interface SeedNetwork {
	slug: string;
	nameEs: string;
	nameEn: string;
	countryCode: string;
	contactEmail?: string;
	summaryEs: string;
	summaryEn: string;
	organizations: SeedOrganization[];
	phases: SeedPhase[];
	places: SeedPlace[];
	stories: SeedStory[];
	/** sentence templates for coalition descriptions; {name}, {place} and {region} are filled in */
	coalitionDescription: { es: string; en: string };
}
