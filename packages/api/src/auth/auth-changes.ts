import type { EventBus, Unsubscribe } from '../bus';
import type { Context } from '../trpc/context';
import type { AuthChange, SessionCache } from './session-cache';

/** Every instance listens here and forgets what its session cache holds about the change. */
export const AUTH_CHANGES_CHANNEL = 'auth:changes';

function isAuthChange(payload: unknown): payload is AuthChange {
  if (!payload || typeof payload !== 'object') return false;
  const change = payload as Record<string, unknown>;
  return typeof change.userId === 'string' || typeof change.projectId === 'string';
}

/**
 * After commit: forget the change here at once (the caller's next request may come back to this
 * instance before the bus delivers), then tell the other instances. A bus failure is logged, not
 * thrown, as the change is committed; their caches let go of it within the cache's TTL.
 */
export async function announceAuthChange(ctx: Pick<Context, 'bus' | 'log' | 'sessionCache'>, change: AuthChange): Promise<void> {
  ctx.sessionCache.forget(change);
  try {
    await ctx.bus.publish(AUTH_CHANGES_CHANNEL, change);
  } catch (err) {
    ctx.log.error({ err, ...change }, 'authorization change not published');
  }
}

/** Subscribes the cache to announced changes; until then (and after the returned unsubscribe) it stores nothing. */
export async function followAuthChanges(bus: EventBus, cache: SessionCache): Promise<Unsubscribe> {
  const unsubscribe = await bus.subscribe(AUTH_CHANGES_CHANNEL, (payload) => {
    // Something unreadable still means "something changed": drop everything rather than guess.
    if (isAuthChange(payload)) cache.forget(payload);
    else cache.clear();
  });
  cache.setFollowing(true);
  return async () => {
    cache.setFollowing(false);
    await unsubscribe();
  };
}
