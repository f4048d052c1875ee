import { eq, users } from '@devmentor/db';
import { AppError } from '../errors';
import { limitAuthAttempt } from '../rate-limit/limits';
import type { ChangePasswordInput } from './auth.schemas';
import { retireAuthTokens } from './auth-tokens';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordAcceptable } from './password-policy';
import { announceRevoked, type AuthedContext } from './service-context';
import { invalidateUserSessions } from './sessions.service';
import { findUserById } from './users';

/**
 * Changes (or, for a GitHub-only account, sets) the password. The current one is required when
 * there is one. Every other session ends and outstanding reset links stop working.
 */
export async function changePassword({ ctx, input }: { ctx: AuthedContext; input: ChangePasswordInput }) {
  const user = await findUserById(ctx.db, ctx.auth.user.id);
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to do this');
  if (user.passwordHash) {
    await limitAuthAttempt(ctx, 'login', user.email);
    if (!input.currentPassword || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('FORBIDDEN', 'The current password is not correct', { field: 'currentPassword' });
    }
  }
  assertPasswordAcceptable(input.newPassword, { email: user.email });
  const passwordHash = await hashPassword(input.newPassword);

  const revoked = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await retireAuthTokens(tx, user.id, 'password_reset');
    return invalidateUserSessions(tx, user.id, ctx.auth.sessionId);
  });
  await announceRevoked(ctx, user.id, revoked);
  return { revokedSessions: revoked.length };
}
