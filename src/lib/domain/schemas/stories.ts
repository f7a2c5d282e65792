import { z } from 'zod';
import { PHOTO_CONSENTS } from '../stories';
import { optionalText } from './common';
import { choice } from './training';

export const STORY_PHOTO_FIELDS = [
	'altEs',
	'altEn',
	'captionEs',
	'captionEn',
	'consent',
	'consentNote'
] as const;
export type StoryPhotoField = (typeof STORY_PHOTO_FIELDS)[number];

/**
 * What goes with a photo: a description for people who cannot see it (in at least one language)
 * and how the people in it agreed to appear.
 */
export const storyPhotoSchema = z
	.object({
		altEs: optionalText(300),
		altEn: optionalText(300),
		captionEs: optionalText(300),
		captionEn: optionalText(300),
		consent: choice(PHOTO_CONSENTS),
		consentNote: optionalText(500)
	})
	.superRefine((v, ctx) => {
		if (v.altEs === null && v.altEn === null) {
			ctx.addIssue({ code: 'custom', message: 'alt_required', path: ['altEs'] });
		}
		// "Recorded" must say where: who agreed and how, so the hub can check before publishing.
		if (v.consent === 'recorded' && v.consentNote === null) {
			ctx.addIssue({ code: 'custom', message: 'consent_note_required', path: ['consentNote'] });
		}
	});
export type StoryPhotoInput = z.output<typeof storyPhotoSchema>;
