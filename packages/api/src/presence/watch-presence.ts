import { randomUUID } from 'node:crypto';
import { assertStillAllowed } from '../live/access-check';
import { guardStream, type StreamGuard } from '../live/stream-guard';
import type { Auth, Context } from '../trpc/context';
import type { PresenceSnapshot } from './presence-tracker';

/**
 * `presence.watch {projectId, itemId?}`: registers the caller as viewing the project (and item) for
 * as long as the subscription is open, and streams the project's viewer list whenever it changes.
 * Only the latest list is kept for a slow reader, so nothing queues up. To show another item, the
 * client resubscribes with the new `itemId`. Ends on member removal or session revocation.
 */
export async function* watchPresence({
  ctx,
  input,
  signal,
}: {
  ctx: Pick<Context, 'db' | 'bus' | 'live'> & { auth: Auth };
  input: { projectId: string; itemId?: string | null | undefined };
  signal?: AbortSignal | undefined;
}): AsyncGenerator<PresenceSnapshot> {
  const user = ctx.auth.user;
  const release = ctx.live.subscriptions.acquire(user.id);
  let guard: StreamGuard | undefined;
  let leave: (() => Promise<void>) | undefined;
  let latest: PresenceSnapshot | null = null;
  let wake: (() => void) | undefined;
  try {
    guard = await guardStream({ bus: ctx.bus, userId: user.id, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId, signal });
    const stopped = guard.signal;
    stopped.addEventListener('abort', () => wake?.(), { once: true });
    await assertStillAllowed(ctx, { userId: user.id, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId });
    const viewer = { connectionId: randomUUID(), userId: user.id, name: user.name, avatarUrl: user.avatarUrl ?? null, itemId: input.itemId ?? null };
    ({ leave } = await ctx.live.presence.join(input.projectId, viewer, (snapshot) => {
      latest = snapshot;
      wake?.();
    }));
    latest ??= ctx.live.presence.snapshot(input.projectId);
    while (!stopped.aborted) {
      if (latest) {
        const snapshot: PresenceSnapshot = latest;
        latest = null;
        yield snapshot;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    await leave?.();
    await guard?.close();
    release();
  }
  const reason = guard?.reason();
  if (reason) throw reason;
}
