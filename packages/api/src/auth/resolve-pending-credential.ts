import type { Context, MembershipHint, Auth } from '../trpc/context';
import { resolveCaller } from './resolve-auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `projectId` a call's raw input names, when it is a well-formed id (validation comes later). */
async function projectIdOf(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  try {
    const input = await getRawInput();
    const projectId = input && typeof input === 'object' ? (input as { projectId?: unknown }).projectId : undefined;
    return typeof projectId === 'string' && UUID.test(projectId) ? projectId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves an HTTP request's pending credential once per request. The first call of the request
 * passes its project as a hint, so the session and that membership come from one statement; later
 * calls of a batch reuse the caller, and `checkProjectAccess` reads any other project itself.
 */
export async function resolvePendingCredential(
  ctx: Pick<Context, 'db' | 'credential' | 'sessionCache'>,
  getRawInput: () => Promise<unknown>,
): Promise<{ auth: Auth | null; membership: MembershipHint | null }> {
  const pending = ctx.credential!;
  pending.resolved ??= projectIdOf(getRawInput).then((projectId) => resolveCaller(ctx.db, pending.token, pending.via, projectId, ctx.sessionCache));
  return pending.resolved;
}
