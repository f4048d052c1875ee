import { eq, isNull, and, users } from '@devmentor/db';
import { limitAuthAttempt } from '../rate-limit/limits';
import type { Context } from '../trpc/context';
import { passwordResetMail, sendInBackground } from './auth-mails';
import { consumeAuthToken, issueAuthToken, retireAuthTokens } from './auth-tokens';
import { invalidLink } from './email-verification';
import { hashPassword } from './password';
import { assertPasswordAcceptable } from './password-policy';
import { announceRevoked } from './service-context';
import { invalidateUserSessions } from './sessions.service';
import { findUserByEmail } from './users';

/**
 * Mails a reset link when the address has an account. The answer is the same either way, and the
 * mail is sent in the background so the timing does not tell either.
 */
export async function requestPasswordReset({ ctx, input }: { ctx: Context; input: { email: string } }) {
  await limitAuthAttempt(ctx, 'password_reset', input.email);
  const user = await findUserByEmail(ctx.db, input.email);
  if (user) {
    const token = await ctx.db.transaction((tx) => issueAuthToken(tx, { userId: user.id, purpose: 'password_reset', email: user.email }));
    sendInBackground(ctx, passwordResetMail(ctx.env, user.email, token));
  }
  return { accepted: true };
}

/**
 * Sets a new password with a reset link: single use, one hour. Every session of the account ends
 * (the caller signs in again). Following the link proves the mailbox, so an unverified address
 * that still matches becomes verified.
 */
export async function resetPassword({ ctx, input }: { ctx: Context; input: { token: string; password: string } }) {
  await limitAuthAttempt(ctx, 'password_reset', null);
  const passwordHash = await hashPassword(input.password);
  const result = await ctx.db.transaction(async (tx) => {
    const token = await consumeAuthToken(tx, input.token, 'password_reset');
    if (!token) return null;
    // Checked after redeeming, inside the transaction: a refused password rolls the redemption back.
    assertPasswordAcceptable(input.password, { email: token.email });
    await tx.update(users).set({ passwordHash }).where(eq(users.id, token.userId));
    await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.id, token.userId), eq(users.email, token.email), isNull(users.emailVerifiedAt)));
    await retireAuthTokens(tx, token.userId, 'password_reset');
    return { userId: token.userId, revoked: await invalidateUserSessions(tx, token.userId) };
  });
  if (!result) throw invalidLink();
  await announceRevoked(ctx, result.userId, result.revoked);
  return { reset: true, revokedSessions: result.revoked.length };
}
