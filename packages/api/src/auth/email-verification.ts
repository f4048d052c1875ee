import { and, eq, users } from '@devmentor/db';
import { announceAuthChange } from './auth-changes';
import { AppError } from '../errors';
import { limitAuthAttempt } from '../rate-limit/limits';
import type { Context } from '../trpc/context';
import { sendInBackground, verificationMail } from './auth-mails';
import { consumeAuthToken, issueAuthToken } from './auth-tokens';
import type { AuthedContext } from './service-context';
import { findUserById } from './users';

export function invalidLink(): AppError {
  return new AppError('BAD_REQUEST', 'This link is invalid, expired or already used', { reason: 'invalid_token' });
}

/** Mails a fresh verification link to the caller's address (earlier links stop working). */
export async function requestEmailVerification({ ctx }: { ctx: AuthedContext }) {
  const user = await findUserById(ctx.db, ctx.auth.user.id);
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to do this');
  if (user.emailVerifiedAt) return { sent: false, alreadyVerified: true };
  await limitAuthAttempt(ctx, 'email_verification', user.email);
  const token = await ctx.db.transaction((tx) => issueAuthToken(tx, { userId: user.id, purpose: 'email_verification', email: user.email }));
  sendInBackground(ctx, verificationMail(ctx.env, user.email, token));
  return { sent: true, alreadyVerified: false };
}

/** Redeems a verification link. It only verifies the address it was sent to, if still the account's. */
export async function verifyEmail({ ctx, input }: { ctx: Context; input: { token: string } }) {
  await limitAuthAttempt(ctx, 'email_verification', null);
  const verifiedUserId = await ctx.db.transaction(async (tx) => {
    const token = await consumeAuthToken(tx, input.token, 'email_verification');
    if (!token) return null;
    const rows = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.id, token.userId), eq(users.email, token.email)))
      .returning({ id: users.id });
    return rows[0]?.id ?? null;
  });
  if (!verifiedUserId) throw invalidLink();
  await announceAuthChange(ctx, { userId: verifiedUserId });
  return { verified: true };
}
