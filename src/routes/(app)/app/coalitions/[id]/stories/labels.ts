import { localized } from '$lib/domain/network';
import { locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/** A story's title in the page's language, or in the other one when it has only that. */
export function storyTitle(s: { titleEs: string | null; titleEn: string | null }): string {
	return localized(s.titleEs, s.titleEn, locale());
}

/** The form's fields by name, for the error summary at its top. */
export function storyFieldLabels(): Record<string, string> {
	return {
		titleEs: `${m.story_title_label()} (${m.story_in_spanish()})`,
		titleEn: `${m.story_title_label()} (${m.story_in_english()})`,
		summaryEs: `${m.story_summary_label()} (${m.story_in_spanish()})`,
		summaryEn: `${m.story_summary_label()} (${m.story_in_english()})`,
		bodyEs: `${m.story_body_label()} (${m.story_in_spanish()})`,
		bodyEn: `${m.story_body_label()} (${m.story_in_english()})`,
		slug: m.story_slug_label(),
		_form: m.story_form_label()
	};
}

export function photoFieldLabels(): Record<string, string> {
	return {
		file: m.story_photo_file(),
		altEs: m.story_photo_alt_es(),
		altEn: m.story_photo_alt_en(),
		captionEs: m.story_photo_caption_es(),
		captionEn: m.story_photo_caption_en(),
		consent: m.story_photo_consent(),
		consentNote: m.story_photo_consent_note(),
		_form: m.story_photos_title()
	};
}
