import { z } from 'zod';
import { requiredText } from './common';
import { choice, isCalendarDay } from './training';

/** What a personal access token may do: read, or read and write (always within its user's rights). */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_FIELDS = ['name', 'scope', 'expiresOn'] as const;

/** `today` is Lima's: a token that expires today or earlier would be dead on arrival. */
export const tokenSchema = (today: string) =>
	z.object({
		name: requiredText(2, 80),
		scope: choice(TOKEN_SCOPES),
		expiresOn: z
			.string()
			.trim()
			.transform((s, ctx) => {
				if (s === '') return null;
				if (!isCalendarDay(s)) {
					ctx.addIssue({ code: 'custom', message: 'date_invalid' });
					return z.NEVER;
				}
				if (s <= today) {
					ctx.addIssue({ code: 'custom', message: 'date_not_future' });
					return z.NEVER;
				}
				return s;
			})
	});
export type TokenInput = z.output<ReturnType<typeof tokenSchema>>;
