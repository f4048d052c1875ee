import { and, eq, or, projectMembers, projects, sessions, users } from '@devmentor/db';
import { AppError } from '../errors';
import { limitAuthAttempt } from '../rate-limit/limits';
import type { DeleteAccountInput } from './auth.schemas';
import { verifyPassword } from './password';
import { announceRevoked, clearSessionCookie, type AuthedContext } from './service-context';
import { findUserById } from './users';

/**
 * Deletes the caller's account after confirming the password (GitHub-only accounts have none to
 * confirm). Refused with PRECONDITION_FAILED and `details.ownedProjects` while the user owns a
 * project: ownership must be transferred or the project deleted first. Memberships, sessions,
 * tokens and the GitHub link go with the user (cascades); authored rows keep a null author.
 */
export async function deleteAccount({ ctx, input }: { ctx: AuthedContext; input: DeleteAccountInput }) {
  const user = await findUserById(ctx.db, ctx.auth.user.id);
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to do this');
  if (user.passwordHash) {
    await limitAuthAttempt(ctx, 'login', user.email);
    if (!input.password || !(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError('FORBIDDEN', 'The password is not correct', { field: 'password' });
    }
  }

  const revoked = await ctx.db.transaction(async (tx) => {
    const owned = await tx
      .selectDistinct({ id: projects.id, name: projects.name })
      .from(projects)
      .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, user.id), eq(projectMembers.role, 'owner')))
      .where(or(eq(projects.ownerId, user.id), eq(projectMembers.userId, user.id)));
    if (owned.length > 0) {
      throw new AppError('PRECONDITION_FAILED', 'You own projects: transfer their ownership or delete them before deleting your account', {
        ownedProjects: owned,
      });
    }
    const gone = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    await tx.delete(users).where(eq(users.id, user.id));
    return gone.map((row) => row.id);
  });
  clearSessionCookie(ctx);
  await announceRevoked(ctx, user.id, revoked);
  return { deleted: true };
}
