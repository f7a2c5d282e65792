/**
 * Every workspace route and action, for every role, on every database: allowed or "not found".
 * Each row names the route file it stands for and the service call that route makes (routes are
 * thin; authorization lives in the services), and the test checks the route file exists, so a new
 * route without a row here is easy to spot in review.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/access';
import {
	addGrant,
	inviteUser,
	issueResetLink,
	listUsers,
	removeGrant,
	setUserActive,
	type AccountContext
} from '../../src/lib/server/accounts/service';
import { changeLog } from '../../src/lib/server/audit/service';
import { createAuth, migrateAuth } from '../../src/lib/server/auth/create';
import {
	coalitionForEdit,
	createCoalition,
	listCoalitionsFor,
	setCoalitionArchived,
	updateCoalition
} from '../../src/lib/server/coalitions/workspace';
import { NotFoundError } from '../../src/lib/server/errors';
import { newId, nowIso } from '../../src/lib/server/ids';
import {
	addNote,
	assignMessage,
	listMessagesFor,
	messageForView,
	setMessageStatus
} from '../../src/lib/server/messages/service';
import {
	addPartnerRole,
	createPartner,
	listPartnersFor,
	partnerForEdit,
	updatePartner
} from '../../src/lib/server/partners/workspace';
import {
	createPhase,
	deletePhase,
	listPhasesFor,
	phaseForEdit,
	updatePhase
} from '../../src/lib/server/phases/workspace';
import {
	createPlace,
	listPlacesFor,
	placeForEdit,
	setPlaceArchived,
	updatePlace
} from '../../src/lib/server/places/workspace';
import { seedDefaultIfEmpty } from '../../src/lib/server/seed/service';
import { createAgreement, listAgreements } from '../../src/lib/server/agreements/service';
import { createContact, listContacts } from '../../src/lib/server/assistance/service';
import { createMeeting, listMeetings } from '../../src/lib/server/meetings/service';
import {
	addMember,
	erasePerson,
	exportPerson,
	listMembers,
	memberForEdit,
	networkSectorCoverage,
	recordConsent
} from '../../src/lib/server/members/service';
import {
	coalitionStage,
	networkStages,
	setSpfStage,
	updateProduct
} from '../../src/lib/server/stage/service';
import { createTraining, listTrainings } from '../../src/lib/server/trainings/service';
import {
	coalitionIndicators,
	createIndicator,
	listIndicators,
	measureTrends,
	networkMeasures,
	previewSurvey,
	updateSurveySettings
} from '../../src/lib/server/surveys/service';
import {
	agreementsExport,
	attendanceExport,
	changesExport,
	coalitionMeasuresExport,
	coalitionsExport,
	contactsExport,
	indicatorsExport,
	indicatorValuesExport,
	meetingsExport,
	activitiesExport,
	communityChangesExport,
	membersExport,
	messagesExport,
	networkMeasuresExport,
	partnersExport,
	phasesExport,
	placesExport,
	trainingsExport,
	usersExport
} from '../../src/lib/server/export/lists';
import { overview } from '../../src/lib/server/workspace/service';
import {
	listActivities,
	logActivity,
	newActivityForm
} from '../../src/lib/server/planning/activities';
import {
	changeForEdit,
	changeSeries,
	listChanges,
	recordChange,
	updateChange
} from '../../src/lib/server/planning/changes';
import {
	createStory,
	listCoalitionStories,
	setStoryPeople,
	storyForEdit,
	storyReviewQueue,
	storyTransition,
	updateStory
} from '../../src/lib/server/planning/stories';
import { addStoryPhoto, removeStoryPhoto } from '../../src/lib/server/planning/story-photos';
import { folderStorage } from '../../src/lib/server/storage';
import {
	addItem,
	approveModel,
	createModelVersion,
	getModel,
	listModels,
	removeItem,
	renameModel,
	updateItem
} from '../../src/lib/server/planning/logic-model';
import { planningSummary } from '../../src/lib/server/planning/summary';
import {
	createTask,
	listTasks,
	overdueTasks,
	taskForEdit,
	updateTask
} from '../../src/lib/server/planning/tasks';
import { funderReport, networkDashboard, reportForm } from '../../src/lib/server/dashboard/service';
import { createToken, listTokens, revokeToken } from '../../src/lib/server/tokens/service';
import { actorWith, peruIds } from '../actors';
import { dialects, migratedDb, type TestDb } from '../db';

type RoleName = 'admin' | 'partner' | 'coordinator' | 'viewer' | 'signedOut';
const ROLES: RoleName[] = ['admin', 'partner', 'coordinator', 'viewer', 'signedOut'];

interface Fixture {
	ctx: AccountContext;
	ids: Awaited<ReturnType<typeof peruIds>> & {
		place: string;
		phase: string;
		partner: string;
		ownMessage: string;
		otherMessage: string;
		adminUser: string;
		adminGrant: string;
		person: string;
	};
}

interface Row {
	route: string;
	action: string;
	allowed: RoleName[];
	call: (f: Fixture, actor: Actor | null) => Promise<unknown>;
}

const ALL: RoleName[] = ['admin', 'partner', 'coordinator', 'viewer'];
const ADMIN: RoleName[] = ['admin'];

const EDITORS: RoleName[] = ['admin', 'partner', 'coordinator'];

const rows: Row[] = [
	{
		route: '/app',
		action: 'load',
		allowed: ALL,
		call: (f, a) => overview(f.ctx.db, a, f.ids.networkId)
	},
	{
		route: '/app/coalitions',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listCoalitionsFor(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/coalitions/new',
		action: 'save',
		allowed: ['admin', 'partner'],
		call: (f, a) => createCoalition(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/coalitions/[id]',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => coalitionForEdit(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => coalitionForEdit(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]',
		action: 'save (own coalition)',
		allowed: ['admin', 'partner', 'coordinator'],
		call: (f, a) => updateCoalition(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]',
		action: 'save (another coalition)',
		allowed: ADMIN,
		call: (f, a) => updateCoalition(f.ctx.db, a, f.ids.huaro, {})
	},
	{
		route: '/app/coalitions/[id]',
		action: 'restore',
		allowed: ADMIN,
		call: (f, a) => setCoalitionArchived(f.ctx.db, a, f.ids.callaoNorte, false)
	},
	{
		route: '/app/places',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listPlacesFor(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/places/new',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => createPlace(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/places/[id]',
		action: 'load',
		allowed: ALL,
		call: (f, a) => placeForEdit(f.ctx.db, a, f.ids.place)
	},
	{
		route: '/app/places/[id]',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => updatePlace(f.ctx.db, a, f.ids.place, {})
	},
	{
		route: '/app/places/[id]',
		action: 'archive',
		allowed: ADMIN,
		call: (f, a) => setPlaceArchived(f.ctx.db, a, f.ids.place, true)
	},
	{
		route: '/app/phases',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listPhasesFor(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/phases/new',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => createPhase(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/phases/[id]',
		action: 'load',
		allowed: ALL,
		call: (f, a) => phaseForEdit(f.ctx.db, a, f.ids.phase)
	},
	{
		route: '/app/phases/[id]',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => updatePhase(f.ctx.db, a, f.ids.phase, {})
	},
	{
		route: '/app/phases/[id]',
		action: 'delete',
		allowed: ADMIN,
		call: (f, a) => deletePhase(f.ctx.db, a, f.ids.phase)
	},
	{
		route: '/app/partners',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listPartnersFor(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/partners/new',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => createPartner(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/partners/[id]',
		action: 'load',
		allowed: ALL,
		call: (f, a) => partnerForEdit(f.ctx.db, a, f.ids.networkId, f.ids.partner)
	},
	{
		route: '/app/partners/[id]',
		action: 'save',
		allowed: ADMIN,
		call: (f, a) => updatePartner(f.ctx.db, a, f.ids.networkId, f.ids.partner, {})
	},
	{
		route: '/app/partners/[id]',
		action: 'addRole',
		allowed: ADMIN,
		call: (f, a) => addPartnerRole(f.ctx.db, a, f.ids.networkId, f.ids.partner, {})
	},
	{
		route: '/app/messages',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listMessagesFor(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/messages/[id]',
		action: 'load (about their coalition)',
		allowed: ['admin', 'partner', 'coordinator'],
		call: (f, a) => messageForView(f.ctx.db, a, f.ids.ownMessage)
	},
	{
		route: '/app/messages/[id]',
		action: 'load (about another coalition)',
		allowed: ADMIN,
		call: (f, a) => messageForView(f.ctx.db, a, f.ids.otherMessage)
	},
	{
		route: '/app/messages/[id]',
		action: 'status',
		allowed: ['admin', 'partner', 'coordinator'],
		call: (f, a) => setMessageStatus(f.ctx.db, a, f.ids.ownMessage, { status: 'answered' })
	},
	{
		route: '/app/messages/[id]',
		action: 'assign',
		allowed: ['admin', 'partner', 'coordinator'],
		call: (f, a) => assignMessage(f.ctx.db, a, f.ids.ownMessage, { assignedTo: '' })
	},
	{
		route: '/app/messages/[id]',
		action: 'note',
		allowed: ['admin', 'partner', 'coordinator'],
		call: (f, a) => addNote(f.ctx.db, a, f.ids.ownMessage, { body: '' })
	},
	{
		route: '/app/users',
		action: 'load',
		allowed: ADMIN,
		call: (f, a) => listUsers(f.ctx.db, a, f.ids.networkId)
	},
	{
		route: '/app/users',
		action: 'invite',
		allowed: ADMIN,
		call: (f, a) => inviteUser(f.ctx, a, f.ids.networkId, {}, { baseUrl: 'http://localhost' })
	},
	{
		route: '/app/users',
		action: 'addRole',
		allowed: ADMIN,
		call: (f, a) => addGrant(f.ctx.db, a, f.ids.networkId, f.ids.adminUser, {})
	},
	{
		route: '/app/users',
		action: 'removeRole',
		allowed: ADMIN,
		call: (f, a) => removeGrant(f.ctx.db, a, f.ids.networkId, f.ids.adminGrant)
	},
	{
		route: '/app/users',
		action: 'deactivate',
		allowed: ADMIN,
		call: (f, a) => setUserActive(f.ctx, a, f.ids.networkId, f.ids.adminUser, true)
	},
	{
		route: '/app/users',
		action: 'resetLink',
		allowed: ADMIN,
		call: (f, a) =>
			issueResetLink(f.ctx, a, f.ids.networkId, f.ids.adminUser, { baseUrl: 'http://localhost' })
	},
	{
		route: '/app/changes',
		action: 'load',
		allowed: ADMIN,
		call: (f, a) => changeLog(f.ctx.db, a, f.ids.networkId, 1)
	},
	{
		route: '/app/coalitions/[id]/members',
		action: 'load (own coalition; viewers get counts)',
		allowed: ALL,
		call: (f, a) => listMembers(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/members',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listMembers(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/members',
		action: 'add (own coalition)',
		allowed: EDITORS,
		call: (f, a) => addMember(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/members',
		action: 'add (another coalition)',
		allowed: ADMIN,
		call: (f, a) => addMember(f.ctx.db, a, f.ids.huaro, {})
	},
	{
		route: '/app/coalitions/[id]/members/[personId]',
		action: 'load',
		allowed: EDITORS,
		call: (f, a) => memberForEdit(f.ctx.db, a, f.ids.callaoNorte, f.ids.person)
	},
	{
		route: '/app/coalitions/[id]/members/[personId]',
		action: 'consent',
		allowed: EDITORS,
		call: (f, a) => recordConsent(f.ctx.db, a, f.ids.callaoNorte, f.ids.person, {})
	},
	{
		route: '/app/people/[personId]/export',
		action: 'GET',
		allowed: EDITORS,
		call: (f, a) => exportPerson(f.ctx.db, a, f.ids.person)
	},
	{
		route: '/app/sectors',
		action: 'load',
		allowed: ALL,
		call: (f, a) => networkSectorCoverage(f.ctx.db, a, f.ids.networkId)
	},
	{
		route: '/app/coalitions/[id]/meetings',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => listMeetings(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/meetings',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listMeetings(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/meetings',
		action: 'log',
		allowed: EDITORS,
		call: (f, a) => createMeeting(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/agreements',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listAgreements(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/agreements',
		action: 'create',
		allowed: EDITORS,
		call: (f, a) => createAgreement(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/stage',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => coalitionStage(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/stage',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => coalitionStage(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/stage',
		action: 'stage',
		allowed: EDITORS,
		call: (f, a) => setSpfStage(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/stage',
		action: 'product',
		allowed: EDITORS,
		call: (f, a) => updateProduct(f.ctx.db, a, f.ids.callaoNorte, 'community_assessment', {})
	},
	{
		route: '/app/stages',
		action: 'load',
		allowed: ALL,
		call: (f, a) => networkStages(f.ctx.db, a, f.ids.networkId)
	},
	{
		route: '/app/trainings',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listTrainings(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/trainings/new',
		action: 'save',
		allowed: ['admin', 'partner'],
		call: (f, a) => createTraining(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/coalitions/[id]/assistance',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => listContacts(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/assistance',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listContacts(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/assistance',
		action: 'log a contact (the hub, not the coordinator)',
		allowed: ['admin', 'partner'],
		call: (f, a) => createContact(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/data',
		action: 'load (own coalition; others get suppressed cells)',
		allowed: ALL,
		call: (f, a) => measureTrends(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/data',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => measureTrends(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/data/upload',
		action: 'preview',
		allowed: EDITORS,
		call: (f, a) =>
			previewSurvey(f.ctx.db, a, {
				coalitionId: f.ids.callaoNorte,
				period: '2025',
				fileName: 'empty.csv',
				bytes: new Uint8Array()
			})
	},
	{
		route: '/app/data',
		action: 'load',
		allowed: ALL,
		call: (f, a) => networkMeasures(f.ctx.db, a, f.ids.networkId, '2025', { by: 'coalition' })
	},
	{
		route: '/app/data',
		action: 'settings',
		allowed: ADMIN,
		call: (f, a) => updateSurveySettings(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/indicators',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listIndicators(f.ctx.db, a, f.ids.networkId)
	},
	{
		route: '/app/indicators',
		action: 'create',
		allowed: ADMIN,
		call: (f, a) => createIndicator(f.ctx.db, a, f.ids.networkId, {})
	},
	{
		route: '/app/coalitions/[id]/indicators',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => coalitionIndicators(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/indicators',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => coalitionIndicators(f.ctx.db, a, f.ids.huaro)
	},
	// Plans: logic model and action plan (Callao Norte, which SUMBI supports).
	{
		route: '/app',
		action: 'load (overdue tasks)',
		allowed: ALL,
		call: (f, a) => overdueTasks(f.ctx.db, a, f.ids.networkId, '2026-11-27')
	},
	{
		route: '/app/coalitions/[id]',
		action: 'load (plan at a glance)',
		allowed: ALL,
		call: (f, a) => planningSummary(f.ctx.db, a, f.ids.callaoNorte, '2026-11-27')
	},
	{
		route: '/app/coalitions/[id]/plan',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listModels(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/plan',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listModels(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/plan',
		action: 'create a version',
		allowed: EDITORS,
		call: (f, a) => createModelVersion(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'load',
		allowed: ALL,
		call: async (f, a) => getModel(f.ctx.db, a, await planFixture(f, 'model'))
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'add',
		allowed: EDITORS,
		call: async (f, a) => addItem(f.ctx.db, a, await planFixture(f, 'model'), {})
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'edit',
		allowed: EDITORS,
		call: async (f, a) => updateItem(f.ctx.db, a, await planFixture(f, 'item'), {})
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'rename',
		allowed: EDITORS,
		call: async (f, a) => renameModel(f.ctx.db, a, await planFixture(f, 'model'), {})
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'remove (an item in use by a task: refused, nothing removed)',
		allowed: EDITORS,
		call: async (f, a) => removeItem(f.ctx.db, a, await planFixture(f, 'item'))
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]',
		action: 'approve (the hub, not the coordinator)',
		allowed: ['admin', 'partner'],
		call: async (f, a) =>
			approveModel(f.ctx.db, a, await planFixture(f, 'emptyModel'), '2026-11-27')
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]/print',
		action: 'load',
		allowed: ALL,
		call: async (f, a) => getModel(f.ctx.db, a, await planFixture(f, 'model'))
	},
	{
		route: '/app/coalitions/[id]/plan/[modelId]/print',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: async (f, a) => getModel(f.ctx.db, a, await planFixture(f, 'huaroModel'))
	},
	{
		route: '/app/coalitions/[id]/plan/tasks',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listTasks(f.ctx.db, a, f.ids.callaoNorte, '2026-11-27')
	},
	{
		route: '/app/coalitions/[id]/plan/tasks',
		action: 'create',
		allowed: EDITORS,
		call: (f, a) => createTask(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/plan/tasks/[taskId]',
		action: 'load',
		allowed: ALL,
		call: async (f, a) => taskForEdit(f.ctx.db, a, await planFixture(f, 'task'))
	},
	{
		route: '/app/coalitions/[id]/plan/tasks/[taskId]',
		action: 'save',
		allowed: EDITORS,
		call: async (f, a) => updateTask(f.ctx.db, a, await planFixture(f, 'task'), {})
	},
	// Everyday record: the activity log and community changes (issue 7).
	{
		route: '/app/coalitions/[id]/activities',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => listActivities(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/activities',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listActivities(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/activities',
		action: 'load (new-activity form)',
		allowed: EDITORS,
		call: (f, a) => newActivityForm(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/activities',
		action: 'log (own coalition)',
		allowed: EDITORS,
		call: (f, a) => logActivity(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/activities',
		action: 'log (another coalition)',
		allowed: ADMIN,
		call: (f, a) => logActivity(f.ctx.db, a, f.ids.huaro, {})
	},
	{
		route: '/app/coalitions/[id]/community-changes',
		action: 'load (own coalition)',
		allowed: ALL,
		call: async (f, a) => {
			await listChanges(f.ctx.db, a, f.ids.callaoNorte);
			await changeSeries(f.ctx.db, a, { coalitionId: f.ids.callaoNorte });
		}
	},
	{
		route: '/app/coalitions/[id]/community-changes',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => changeSeries(f.ctx.db, a, { coalitionId: f.ids.huaro })
	},
	{
		route: '/app/coalitions/[id]/community-changes',
		action: 'record',
		allowed: EDITORS,
		call: (f, a) => recordChange(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/community-changes/[changeId]',
		action: 'load (the edit form)',
		allowed: EDITORS,
		call: async (f, a) => {
			// The route shows the form only to those who may edit; the rest get "not found".
			const change = await changeForEdit(f.ctx.db, a, await communityChange(f));
			if (!change.canEdit) throw new NotFoundError('community_change');
		}
	},
	{
		route: '/app/coalitions/[id]/community-changes/[changeId]',
		action: 'save',
		allowed: EDITORS,
		call: async (f, a) => updateChange(f.ctx.db, a, await communityChange(f), {})
	},
	{
		route: '/app/community-changes',
		action: 'load',
		allowed: ALL,
		call: (f, a) => changeSeries(f.ctx.db, a, { networkId: f.ids.networkId })
	},
	// Success stories: each call gets a story of its own, so one role's move cannot change what the
	// next role finds.
	{
		route: '/app/coalitions/[id]/stories',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) => listCoalitionStories(f.ctx.db, a, f.ids.callaoNorte)
	},
	{
		route: '/app/coalitions/[id]/stories',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) => listCoalitionStories(f.ctx.db, a, f.ids.huaro)
	},
	{
		route: '/app/coalitions/[id]/stories',
		action: 'create',
		allowed: EDITORS,
		call: (f, a) => createStory(f.ctx.db, a, f.ids.callaoNorte, {})
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'load',
		allowed: ALL,
		call: async (f, a) => storyForEdit(f.ctx.db, a, await storyIn(f, 'draft'))
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'save',
		allowed: EDITORS,
		call: async (f, a) => updateStory(f.ctx.db, a, await storyIn(f, 'draft'), {})
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'move (submit for review)',
		allowed: EDITORS,
		call: async (f, a) =>
			storyTransition(f.ctx.db, a, await storyIn(f, 'draft'), { to: 'in_review' })
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'move (publish)',
		allowed: ['admin', 'partner'],
		call: async (f, a) =>
			storyTransition(f.ctx.db, a, await storyIn(f, 'in_review'), { to: 'published' })
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'addPhoto',
		allowed: EDITORS,
		call: async (f, a) =>
			addStoryPhoto(f.ctx.db, a, await storyIn(f, 'draft'), {}, new Uint8Array(), storage)
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'removePhoto',
		allowed: EDITORS,
		call: async (f, a) => {
			const story = await storyIn(f, 'draft');
			return removeStoryPhoto(f.ctx.db, a, story, await photoIn(f, story), storage);
		}
	},
	{
		route: '/app/coalitions/[id]/stories/[storyId]',
		action: 'people',
		allowed: EDITORS,
		call: async (f, a) =>
			setStoryPeople(f.ctx.db, a, await storyIn(f, 'draft'), { personIds: [], agreed: false })
	},
	{
		route: '/app/stories',
		action: 'load',
		allowed: ['admin', 'partner'],
		call: (f, a) => storyReviewQueue(f.ctx.db, a, f.ids.networkId)
	},
	// Dashboard and funder report: everyone with a role, each within their own scope.
	{
		route: '/app/dashboard',
		action: 'load',
		allowed: ALL,
		call: (f, a) =>
			networkDashboard(f.ctx.db, a, f.ids.networkId, {}, { locale: 'es', noPhaseLabel: '-' })
	},
	{
		route: '/app/reports',
		action: 'load',
		allowed: ALL,
		call: (f, a) => reportForm(f.ctx.db, a, f.ids.networkId, 'es')
	},
	{
		route: '/app/reports/funder',
		action: 'load (network)',
		allowed: ALL,
		call: (f, a) => funderReport(f.ctx.db, a, f.ids.networkId, REPORT_PERIOD, 'es')
	},
	{
		route: '/app/reports/funder',
		action: 'load (own coalition)',
		allowed: ALL,
		call: (f, a) =>
			funderReport(
				f.ctx.db,
				a,
				f.ids.networkId,
				{ ...REPORT_PERIOD, scope: 'coalition', coalition: f.ids.callaoNorte },
				'es'
			)
	},
	{
		route: '/app/reports/funder',
		action: 'load (another coalition)',
		allowed: ['admin', 'viewer'],
		call: (f, a) =>
			funderReport(
				f.ctx.db,
				a,
				f.ids.networkId,
				{ ...REPORT_PERIOD, scope: 'coalition', coalition: f.ids.huaro },
				'es'
			)
	},
	// Exports (CSV/XLSX next to each list): the same access as the list's page.
	...exportRows(),
	// Last: it changes the person for good.
	{
		route: '/app/coalitions/[id]/members/[personId]',
		action: 'erase',
		allowed: EDITORS,
		call: (f, a) => erasePerson(f.ctx.db, a, f.ids.person)
	},
	// API tokens: everyone signed in has their own; nobody sees or revokes anyone else's.
	{
		route: '/app/tokens',
		action: 'load',
		allowed: ALL,
		call: (f, a) => listTokens(f.ctx.db, a)
	},
	{
		route: '/app/tokens',
		action: 'create',
		allowed: ALL,
		call: (f, a) => createToken(f.ctx.db, a, { name: 'Matriz', scope: 'read' })
	},
	{
		route: '/app/tokens',
		action: 'revoke (the administrator’s token)',
		allowed: ADMIN,
		call: async (f, a) => {
			const owner = { userId: f.ids.adminUser, name: 'Admin', email: '', grants: [] };
			const made = await createToken(f.ctx.db, owner, { name: 'Del admin', scope: 'write' });
			if (made.status !== 'ok') throw new Error('token not made');
			return revokeToken(f.ctx.db, a, made.id);
		}
	}
];

/** One Callao Norte change for the edit rows, recorded the first time a row asks for it. */
const changeIds = new WeakMap<Fixture, string>();
async function communityChange(f: Fixture): Promise<string> {
	const known = changeIds.get(f);
	if (known) return known;
	const id = newId();
	await f.ctx.db
		.insertInto('community_change')
		.values({
			id,
			coalition_id: f.ids.callaoNorte,
			kind: 'policy',
			title: 'Ordenanza de horarios de venta de alcohol',
			description: null,
			sector: null,
			local_condition_item_id: null,
			happened_on: '2026-06-10',
			evidence: null,
			status: 'adopted',
			created_at: nowIso(),
			updated_at: nowIso()
		})
		.execute();
	changeIds.set(f, id);
	return id;
}

const storage = folderStorage(mkdtempSync(join(tmpdir(), 'minka-matrix-')));

/** A fresh Callao Norte story in a given state. */
async function storyIn(f: Fixture, status: string): Promise<string> {
	const id = newId();
	const now = nowIso();
	await f.ctx.db
		.insertInto('story')
		.values({
			id,
			network_id: f.ids.networkId,
			coalition_id: f.ids.callaoNorte,
			slug: `matrix-${id}`,
			title_es: 'Historia de prueba',
			title_en: null,
			summary_es: null,
			summary_en: null,
			body_es: 'Texto',
			body_en: null,
			status,
			published_at: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

async function photoIn(f: Fixture, storyId: string): Promise<string> {
	const id = newId();
	await f.ctx.db
		.insertInto('story_photo')
		.values({
			id,
			story_id: storyId,
			file_name: `stories/${storyId}/${id}.jpg`,
			mime_type: 'image/jpeg',
			width: 10,
			height: 10,
			byte_size: 100,
			alt_es: 'Foto',
			alt_en: null,
			caption_es: null,
			caption_en: null,
			consent: 'no_identifiable_people',
			consent_note: null,
			sort_order: 0,
			created_at: nowIso()
		})
		.execute();
	return id;
}

const REPORT_PERIOD = { from: '2025-01-01', to: '2025-12-31', scope: 'network' };

/** One export row per list; `E` is the export route next to the list. */
function exportRows(): Row[] {
	const q = () => new URLSearchParams();
	const E = (list: string) => `/app${list}/export.[format=exportformat]`;
	const ANOTHER: RoleName[] = ['admin', 'viewer'];
	return [
		{
			route: E('/coalitions'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => coalitionsExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/places'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => placesExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/phases'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => phasesExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/partners'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => partnersExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/trainings'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => trainingsExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/trainings/[id]'),
			action: 'download attendance',
			allowed: ALL,
			call: async (f, a) => attendanceExport(f.ctx.db, a, await matrixTraining(f))
		},
		{
			route: E('/indicators'),
			action: 'download',
			allowed: ALL,
			call: (f, a) => indicatorsExport(f.ctx.db, a, f.ids.networkId)
		},
		{
			route: E('/data'),
			action: 'download (suppressed for most)',
			allowed: ALL,
			call: (f, a) => networkMeasuresExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/messages'),
			action: 'download (viewers get none)',
			allowed: ALL,
			call: (f, a) => messagesExport(f.ctx.db, a, f.ids.networkId, q())
		},
		{
			route: E('/users'),
			action: 'download',
			allowed: ADMIN,
			call: (f, a) => usersExport(f.ctx.db, a, f.ids.networkId)
		},
		{
			route: E('/changes'),
			action: 'download',
			allowed: ADMIN,
			call: (f, a) => changesExport(f.ctx.db, a, f.ids.networkId)
		},
		...(
			[
				['/members', (f, a, id) => membersExport(f.ctx.db, a, id, q())],
				['/meetings', (f, a, id) => meetingsExport(f.ctx.db, a, id)],
				['/activities', (f, a, id) => activitiesExport(f.ctx.db, a, id)],
				['/community-changes', (f, a, id) => communityChangesExport(f.ctx.db, a, id)],
				['/agreements', (f, a, id) => agreementsExport(f.ctx.db, a, id)],
				['/assistance', (f, a, id) => contactsExport(f.ctx.db, a, id)],
				['/indicators', (f, a, id) => indicatorValuesExport(f.ctx.db, a, id)],
				['/data', (f, a, id) => coalitionMeasuresExport(f.ctx.db, a, id, q())]
			] as [string, (f: Fixture, a: Actor | null, id: string) => Promise<unknown>][]
		).flatMap(([tab, call]): Row[] => [
			{
				route: E(`/coalitions/[id]${tab}`),
				action: 'download (own coalition)',
				allowed: ALL,
				call: (f, a) => call(f, a, f.ids.callaoNorte)
			},
			{
				route: E(`/coalitions/[id]${tab}`),
				action: 'download (another coalition)',
				allowed: ANOTHER,
				call: (f, a) => call(f, a, f.ids.huaro)
			}
		])
	];
}

/** A training event for the attendance download (the seed has none). */
async function matrixTraining(f: Fixture): Promise<string> {
	const found = await f.ctx.db
		.selectFrom('training_event')
		.select('id')
		.where('title', '=', 'Taller de la matriz')
		.executeTakeFirst();
	if (found) return found.id;
	const id = newId();
	const now = nowIso();
	await f.ctx.db
		.insertInto('training_event')
		.values({
			id,
			network_id: f.ids.networkId,
			title: 'Taller de la matriz',
			title_search: 'taller de la matriz',
			kind: 'local_workshop',
			starts_on: '2025-06-01',
			ends_on: null,
			place: null,
			organizer_id: null,
			topics: '[]',
			hours: 4,
			description: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

function routeExists(route: string): boolean {
	const dir = new URL(`../../src/routes/(app)${route}/`, import.meta.url).pathname;
	return existsSync(dir + '+page.server.ts') || existsSync(dir + '+server.ts');
}

async function message(handle: TestDb, networkId: string, coalitionId: string): Promise<string> {
	const id = newId();
	await handle.db
		.insertInto('contact_message')
		.values({
			id,
			network_id: networkId,
			coalition_id: coalitionId,
			name: 'Visitante',
			email: 'visitante@example.org',
			topic: 'general',
			message: 'Quisiera sumarme a la coalición.',
			locale: 'es',
			status: 'new',
			created_at: nowIso()
		})
		.execute();
	return id;
}

describe.each(dialects())('the authorization matrix on %s', (dialect) => {
	let handle: TestDb;
	let fixture: Fixture;
	let actors: Record<RoleName, Actor | null>;

	beforeAll(async () => {
		handle = await migratedDb(dialect);
		await seedDefaultIfEmpty(handle.db);
		const auth = createAuth(handle.db, handle.kind, {
			secret: 'matrix-test-secret-matrix-test-secret',
			baseURL: 'http://localhost:3000'
		});
		await migrateAuth(auth);
		const ids = await peruIds(handle.db);
		const signUp = await auth.api.signUpEmail({
			body: { email: 'admin@example.org', password: 'a long enough password', name: 'Admin' }
		});
		const adminGrant = newId();
		await handle.db
			.insertInto('role_grant')
			.values({
				id: adminGrant,
				user_id: signUp.user.id,
				network_id: ids.networkId,
				role: 'network_admin',
				organization_id: null,
				coalition_id: null,
				created_by: null,
				created_at: nowIso()
			})
			.execute();
		const place = await handle.db
			.selectFrom('place')
			.select('id')
			.where('name', '=', 'Callao')
			.executeTakeFirstOrThrow();
		const phase = await handle.db
			.selectFrom('phase')
			.select('id')
			.where('network_id', '=', ids.networkId)
			.where('number', '=', 1)
			.executeTakeFirstOrThrow();
		const person = newId();
		const now = nowIso();
		await handle.db
			.insertInto('person')
			.values({
				id: person,
				network_id: ids.networkId,
				first_name: 'Julia',
				last_name: 'Torres',
				name_search: 'julia torres',
				email: null,
				phone: null,
				gender: null,
				birth_year: 1980,
				age_group: '30_59',
				erased_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await handle.db
			.insertInto('membership')
			.values({
				id: newId(),
				coalition_id: ids.callaoNorte,
				person_id: person,
				role: 'member',
				sector: 'parents',
				organization_name: null,
				started_on: '2024-01-01',
				ended_on: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		fixture = {
			ctx: { db: handle.db, auth, secret: 'matrix-test-secret' },
			ids: {
				...ids,
				place: place.id,
				phase: phase.id,
				partner: ids.creser,
				ownMessage: await message(handle, ids.networkId, ids.callaoNorte),
				otherMessage: await message(handle, ids.networkId, ids.huaro),
				adminUser: signUp.user.id,
				adminGrant,
				person
			}
		};
		actors = {
			admin: { ...actorWith('network_admin', ids.networkId), userId: signUp.user.id },
			partner: actorWith('partner_staff', ids.networkId, { organizationId: ids.sumbi }),
			coordinator: actorWith('coordinator', ids.networkId, { coalitionId: ids.callaoNorte }),
			viewer: actorWith('viewer', ids.networkId),
			signedOut: null
		};
	});
	afterAll(async () => handle?.close());

	it('names only routes that exist', () => {
		for (const route of new Set(rows.map((r) => r.route))) {
			expect(routeExists(route), route).toBe(true);
		}
	});

	for (const row of rows) {
		for (const role of ROLES) {
			const expected = row.allowed.includes(role) ? 'allowed' : 'not found';
			it(`${row.route} ${row.action} as ${role}: ${expected}`, async () => {
				let outcome: string;
				try {
					await row.call(fixture, actors[role]);
					outcome = 'allowed';
				} catch (e) {
					if (!(e instanceof NotFoundError)) throw e;
					outcome = 'not found';
				}
				expect(outcome).toBe(expected);
			});
		}
	}

	it('shows viewers no personal data: their inbox is empty and users are hidden', async () => {
		const inbox = await listMessagesFor(handle.db, actors.viewer, fixture.ids.networkId, {});
		expect(inbox.rows).toEqual([]);
		await expect(listUsers(handle.db, actors.viewer, fixture.ids.networkId)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});

/**
 * Plans for the rows above, made once per database: a Callao Norte draft with an item that a
 * task uses (so removing it is refused and the fixture survives), an empty Callao Norte draft
 * to approve (refused as empty, nothing changes), and a Huaro draft.
 */
const plans = new WeakMap<
	object,
	Promise<Record<'model' | 'item' | 'task' | 'emptyModel' | 'huaroModel', string>>
>();
async function planFixture(
	f: Fixture,
	which: 'model' | 'item' | 'task' | 'emptyModel' | 'huaroModel'
): Promise<string> {
	if (!plans.has(f.ctx.db)) {
		plans.set(
			f.ctx.db,
			(async () => {
				const db = f.ctx.db;
				const now = nowIso();
				const model = async (coalitionId: string, version: number) => {
					const id = newId();
					await db
						.insertInto('logic_model')
						.values({
							id,
							coalition_id: coalitionId,
							version,
							status: 'draft',
							title: `Plan ${version}`,
							approved_on: null,
							created_at: now,
							updated_at: now
						})
						.execute();
					return id;
				};
				const modelId = await model(f.ids.callaoNorte, 100);
				const emptyModel = await model(f.ids.callaoNorte, 101);
				const huaroModel = await model(f.ids.huaro, 100);
				const item = newId();
				await db
					.insertInto('logic_model_item')
					.values({
						id: item,
						model_id: modelId,
						kind: 'problem',
						parent_id: null,
						origin_item_id: null,
						text_es: 'Consumo de alcohol en adolescentes',
						text_en: null,
						strategy_code: null,
						outcome_term: null,
						indicator_id: null,
						baseline_value: null,
						target_value: null,
						sort_order: 0,
						created_at: now,
						updated_at: now
					})
					.execute();
				const task = newId();
				await db
					.insertInto('action_task')
					.values({
						id: task,
						coalition_id: f.ids.callaoNorte,
						model_item_id: item,
						title: 'Reunión con el concejo',
						owner: null,
						due_on: '2026-01-15',
						status: 'todo',
						resources: null,
						process_measure: null,
						created_at: now,
						updated_at: now
					})
					.execute();
				return { model: modelId, item, task, emptyModel, huaroModel };
			})()
		);
	}
	return (await plans.get(f.ctx.db)!)[which];
}
