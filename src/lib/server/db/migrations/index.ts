import type { Migration } from 'kysely';
import * as core from './2026-11-27T1400_core';
import * as publicSite from './2026-11-27T1500_public_site';
import * as accounts from './2026-11-27T1600_accounts';
import * as capacity from './2026-11-27T1700_capacity';
import * as localData from './2026-11-27T1800_local_data';
import * as planning from './2026-11-27T1900_planning';
import * as apiTokens from './2026-11-27T2000_api_tokens';
import * as dashboardIndexes from './2026-11-27T2010_dashboard_indexes';
import * as scaleIndexes from './2026-11-27T2030_scale_indexes';
import * as dashboardScale from './2026-11-27T2040_dashboard_scale';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the bundled server and
 * the CLI carry the same set.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-27T1400_core': core,
	'2026-11-27T1500_public_site': publicSite,
	'2026-11-27T1600_accounts': accounts,
	'2026-11-27T1700_capacity': capacity,
	'2026-11-27T1800_local_data': localData,
	'2026-11-27T1900_planning': planning,
	'2026-11-27T2000_api_tokens': apiTokens,
	'2026-11-27T2010_dashboard_indexes': dashboardIndexes,
	'2026-11-27T2030_scale_indexes': scaleIndexes,
	'2026-11-27T2040_dashboard_scale': dashboardScale
};
