import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import {
	ACTIVITY_FIELDS,
	activityFormRecord,
	activitySchema,
	CHANGE_FIELDS,
	changeSchema,
	ITEM_FIELDS,
	itemSchema,
	STORY_FIELDS,
	storySchema,
	TASK_FIELDS,
	taskSchema
} from './planning';

const TODAY = '2026-11-27';

const activity = (input: Record<string, string>) =>
	parseForm(
		activitySchema(TODAY),
		{
			happenedOn: '2026-11-20',
			description: 'Feria preventiva en la plaza',
			kind: 'community_action',
			strategyCode: 'provide_information',
			...input
		},
		ACTIVITY_FIELDS
	);

describe('logic-model items', () => {
	it('requires a known strategy on a strategy', () => {
		const missing = parseForm(itemSchema, { kind: 'strategy', textEs: 'Patrullaje' }, ITEM_FIELDS);
		expect(missing.ok ? null : missing.errors.strategyCode).toBe('strategy_unknown');
		const unknown = parseForm(
			itemSchema,
			{ kind: 'strategy', textEs: 'Patrullaje', strategyCode: 'pray' },
			ITEM_FIELDS
		);
		expect(unknown.ok ? null : unknown.errors.strategyCode).toBe('strategy_unknown');
	});

	it('needs a text in one language and a term on outcomes', () => {
		const r = parseForm(itemSchema, { kind: 'outcome' }, ITEM_FIELDS);
		expect(r.ok ? null : r.errors).toEqual({ textEs: 'required', outcomeTerm: 'required' });
	});

	it('drops the fields of other kinds', () => {
		const r = parseForm(
			itemSchema,
			{
				kind: 'problem',
				textEn: 'Underage drinking',
				strategyCode: 'enhance_skills',
				targetValue: '5'
			},
			ITEM_FIELDS
		);
		expect(r.ok && r.value).toMatchObject({ strategyCode: null, targetValue: null, textEs: null });
	});
});

describe('tasks', () => {
	it('need an item, a title and a status; a due day is a real day', () => {
		const r = parseForm(taskSchema, { title: 'x', dueOn: '2026-02-30' }, TASK_FIELDS);
		expect(r.ok ? null : r.errors).toEqual({
			modelItemId: 'required',
			title: 'too_short',
			dueOn: 'date_invalid',
			status: 'required'
		});
	});
});

describe('activities', () => {
	it('accept a quick entry from a phone', () => {
		const r = activity({ reachedYouthF: '12', reachedYouthM: '10', reachedTotal: '22' });
		expect(r.ok && r.value).toMatchObject({ reachedTotal: 22, sectors: [], clientDraftId: null });
	});

	it('refuse a total that does not add up, a future day and an unknown strategy', () => {
		expect(activity({ reachedYouthF: '12', reachedTotal: '20' })).toMatchObject({
			ok: false,
			errors: { reachedTotal: 'counts_mismatch' }
		});
		expect(activity({ happenedOn: '2026-11-28' })).toMatchObject({
			ok: false,
			errors: { happenedOn: 'date_future' }
		});
		expect(activity({ strategyCode: 'magic' })).toMatchObject({
			ok: false,
			errors: { strategyCode: 'strategy_unknown' }
		});
	});

	it('need a task or a strategy', () => {
		expect(activity({ strategyCode: '' })).toMatchObject({
			ok: false,
			errors: { taskId: 'task_or_strategy_required' }
		});
		expect(activity({ strategyCode: '', taskId: 'task-1' }).ok).toBe(true);
	});

	it('keep the ticked sectors in the vocabulary order and refuse unknown ones', () => {
		const data = new FormData();
		data.append('sectors', 'schools');
		data.append('sectors', 'youth');
		const record = activityFormRecord(data);
		const r = activity({ sectors: record.sectors });
		expect(r.ok && r.value.sectors).toEqual(['youth', 'schools']);
		expect(activity({ sectors: 'youth|pirates' })).toMatchObject({
			ok: false,
			errors: { sectors: 'invalid' }
		});
	});

	it('accept only a plain token as the offline draft id', () => {
		expect(activity({ clientDraftId: 'd-1a2b' }).ok).toBe(true);
		expect(activity({ clientDraftId: '<script>' }).ok).toBe(false);
	});
});

describe('community changes', () => {
	it('refuse a future day and an unknown sector', () => {
		const r = parseForm(
			changeSchema(TODAY),
			{
				kind: 'policy',
				title: 'Ordenanza municipal de horarios de venta de alcohol',
				happenedOn: '2027-01-01',
				status: 'adopted',
				sector: 'pirates'
			},
			CHANGE_FIELDS
		);
		expect(r.ok ? null : r.errors).toEqual({ happenedOn: 'date_future', sector: 'invalid' });
	});
});

describe('stories', () => {
	it('may be told in English only, but need a title and a text', () => {
		const english = parseForm(
			storySchema,
			{ titleEn: 'A town says no', bodyEn: 'Text', slug: '' },
			STORY_FIELDS
		);
		expect(english.ok && english.value).toMatchObject({ titleEs: null, slug: null });
		const empty = parseForm(storySchema, { slug: 'Not a slug!' }, STORY_FIELDS);
		expect(empty.ok ? null : empty.errors).toEqual({
			titleEs: 'required',
			bodyEs: 'required',
			slug: 'slug_invalid'
		});
	});
});
