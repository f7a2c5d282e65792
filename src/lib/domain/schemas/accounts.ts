import { z } from 'zod';
import { ROLES } from '../access';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'required')
	.max(200, 'too_long')
	.pipe(z.email('email_invalid'));

const password = z
	.string()
	.min(1, 'required')
	.min(PASSWORD_MIN, 'password_too_short')
	.max(PASSWORD_MAX, 'too_long');

export const signInSchema = z.object({
	email,
	password: z.string().min(1, 'required').max(PASSWORD_MAX, 'too_long')
});
export const SIGN_IN_FIELDS = ['email', 'password'] as const;

export const newPasswordSchema = z
	.object({ password, passwordConfirm: z.string() })
	.refine((v) => v.password === v.passwordConfirm, {
		message: 'passwords_differ',
		path: ['passwordConfirm']
	});
export const NEW_PASSWORD_FIELDS = ['password', 'passwordConfirm'] as const;

export const acceptInviteSchema = z
	.object({
		name: z
			.string()
			.transform((s) => s.replace(/\s+/g, ' ').trim())
			.pipe(z.string().min(1, 'required').min(2, 'too_short').max(120, 'too_long')),
		password,
		passwordConfirm: z.string()
	})
	.refine((v) => v.password === v.passwordConfirm, {
		message: 'passwords_differ',
		path: ['passwordConfirm']
	});
export const ACCEPT_INVITE_FIELDS = ['name', 'password', 'passwordConfirm'] as const;

const optionalId = z
	.string()
	.trim()
	.max(100, 'invalid')
	.optional()
	.transform((s) => s || null);

export const inviteSchema = z
	.object({
		email,
		role: z.enum(ROLES, 'invalid'),
		organizationId: optionalId,
		coalitionId: optionalId
	})
	.superRefine((v, ctx) => {
		if (v.role === 'partner_staff' && !v.organizationId) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['organizationId'] });
		}
		if (v.role === 'coordinator' && !v.coalitionId) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['coalitionId'] });
		}
	});
export const INVITE_FIELDS = ['email', 'role', 'organizationId', 'coalitionId'] as const;
export type InviteInput = z.output<typeof inviteSchema>;

export const grantSchema = z
	.object({
		role: z.enum(ROLES, 'invalid'),
		organizationId: optionalId,
		coalitionId: optionalId
	})
	.superRefine((v, ctx) => {
		if (v.role === 'partner_staff' && !v.organizationId) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['organizationId'] });
		}
		if (v.role === 'coordinator' && !v.coalitionId) {
			ctx.addIssue({ code: 'custom', message: 'required', path: ['coalitionId'] });
		}
	});
export const GRANT_FIELDS = ['role', 'organizationId', 'coalitionId'] as const;
