import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-policy';

/** Trimmed, lower-cased, at most 254 characters (RFC 5321 path limit). */
export const EmailInput = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Length and common-password rules run in the service (one clear error with `details.reason`). */
export const NewPasswordInput = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);
/** A password being checked, not chosen: only bounded. */
export const PasswordInput = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);
export const NameInput = z.string().trim().min(1).max(100);
export const TokenInput = z.string().min(1).max(256);

export const RegisterInput = z.object({ email: EmailInput, password: NewPasswordInput, name: NameInput });
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email: EmailInput, password: PasswordInput });
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.object({ currentPassword: PasswordInput.optional(), newPassword: NewPasswordInput });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const DeleteAccountInput = z.object({ password: PasswordInput.optional() });
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;

/** User preferences: a closed set of known keys, so stored JSON is always well-formed. */
export const Preferences = z
  .object({
    theme: z.enum(['light', 'dark', 'system']),
    locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).max(35),
    timeZone: z.string().min(1).max(64),
    emailNotifications: z.boolean(),
    boardDensity: z.enum(['comfortable', 'compact']),
    sidebarCollapsed: z.boolean(),
  })
  .partial()
  .strict();
export type Preferences = z.infer<typeof Preferences>;

export const UpdateProfileInput = z
  .object({
    name: NameInput.optional(),
    avatarUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullable()
      .optional(),
    preferences: Preferences.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), 'Nothing to update');
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const RevokeSessionInput = z.object({ id: z.string().min(1).max(64) });
export const VerifyEmailInput = z.object({ token: TokenInput });
export const RequestPasswordResetInput = z.object({ email: EmailInput });
export const ResetPasswordInput = z.object({ token: TokenInput, password: NewPasswordInput });
