import { and, eq, gt, projectMembers, sessions } from '@devmentor/db';
import { isApiKeyActive } from '../api-keys/validate-api-key';
import type { Context } from '../trpc/context';
import { apiKeyRevokedError, memberRemovedError, sessionRevokedError } from './live-errors';

/**
 * Re-checks, once the stream's guard is listening, what the procedure builder checked before it:
 * a removal or revocation that landed in between is caught here rather than missed.
 */
export async function assertStillAllowed(
  ctx: Pick<Context, 'db'>,
  access: { userId: string; sessionId: string | null; apiKeyId?: string | null; projectId: string | null },
): Promise<void> {
  if (access.apiKeyId && !(await isApiKeyActive(ctx.db, access.apiKeyId))) throw apiKeyRevokedError();
  if (access.sessionId) {
    const [session] = await ctx.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.id, access.sessionId), gt(sessions.expiresAt, new Date())));
    if (!session) throw sessionRevokedError();
  }
  if (access.projectId) {
    const [member] = await ctx.db
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, access.projectId), eq(projectMembers.userId, access.userId)));
    if (!member) throw memberRemovedError();
  }
}
