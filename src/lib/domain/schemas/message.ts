import { z } from 'zod';
import { optionalId } from './common';

/** What staff do with a contact message: nothing yet, answered it, or put it away. */
export const MESSAGE_STATUSES = ['new', 'answered', 'archived'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The inbox opens on the messages that may still need someone. */
export const OPEN_STATUSES: readonly MessageStatus[] = ['new', 'answered'];

export const NOTE_MAX = 2000;

/**
 * A change to a message. Both fields are optional so the API can PATCH one of them; the form
 * actions send exactly one. An empty `assignedTo` means "nobody".
 */
export const messageUpdateSchema = z.object({
	status: z.enum(MESSAGE_STATUSES, 'invalid').optional(),
	assignedTo: optionalId.optional()
});
export const MESSAGE_UPDATE_FIELDS = ['status', 'assignedTo'] as const;
export type MessageUpdateInput = z.output<typeof messageUpdateSchema>;

export const noteSchema = z.object({
	// Browsers post line breaks as CRLF; counting them as one keeps the limit the textarea shows.
	body: z
		.string()
		.transform((s) => s.replace(/\r\n?/g, '\n'))
		.pipe(z.string().trim().min(1, 'required').max(NOTE_MAX, 'too_long'))
});
export const NOTE_FIELDS = ['body'] as const;
