import { and, asc, eq, gt, notifications, or, sql } from '@devmentor/db';
import { tracked } from '@trpc/server';
import { SlowConsumerError, subscribeToChannel, type BusSubscription } from '../bus';
import { assertStillAllowed } from '../live/access-check';
import { resyncError } from '../live/live-errors';
import { guardStream, type StreamGuard } from '../live/stream-guard';
import { userChannel, type UserMessage } from '../live/user-channel';
import type { Auth, Context } from '../trpc/context';
import { toNotificationView, type NotificationView } from './notification-view';
import type { OnNewInput } from './notifications.schemas';

/** Notifications created after `lastId` (a notification of this user), oldest first; at most `limit`. */
async function missedSince(ctx: Pick<Context, 'db'>, userId: string, lastId: string, limit: number): Promise<NotificationView[]> {
  const [last] = await ctx.db.select({ sourceEventId: notifications.sourceEventId }).from(notifications).where(and(eq(notifications.id, lastId), eq(notifications.userId, userId)));
  if (!last) return [];
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), or(gt(notifications.sourceEventId, last.sourceEventId), and(eq(notifications.sourceEventId, last.sourceEventId), sql`${notifications.id} > ${lastId}`))))
    .orderBy(asc(notifications.sourceEventId), asc(notifications.id))
    .limit(limit);
  return rows.map(toNotificationView);
}

/**
 * `notifications.onNew`: the caller's new notifications as they are created (any instance), each
 * `tracked(notification.id, …)`; on reconnect the ones created since the last id are sent first.
 * Ends like `projects.onEvent` on session revocation or when the subscriber falls behind.
 */
export async function* streamNotifications({ ctx, input, signal }: { ctx: Pick<Context, 'db' | 'bus' | 'live'> & { auth: Auth }; input: OnNewInput; signal?: AbortSignal | undefined }) {
  const userId = ctx.auth.user.id;
  const release = ctx.live.subscriptions.acquire(userId);
  let guard: StreamGuard | undefined;
  let messages: BusSubscription<UserMessage> | undefined;
  let failure = null;
  const sent = new Set<string>();
  try {
    guard = await guardStream({ bus: ctx.bus, userId, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: null, signal });
    messages = await subscribeToChannel<UserMessage>(ctx.bus, userChannel(userId), { signal: guard.signal, maxBuffered: ctx.live.limits.maxBufferedEvents });
    await assertStillAllowed(ctx, { userId, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: null });
    if (input?.lastEventId) {
      for (const notification of await missedSince(ctx, userId, input.lastEventId, ctx.live.limits.replayPageSize)) {
        sent.add(notification.id);
        yield tracked(notification.id, notification);
      }
    }
    for await (const message of messages) {
      if (message.kind !== 'notification' || sent.has(message.notification.id)) continue;
      yield tracked(message.notification.id, message.notification);
    }
  } catch (error) {
    if (!(error instanceof SlowConsumerError)) throw error;
    failure = resyncError(null);
  } finally {
    await messages?.close();
    await guard?.close();
    release();
  }
  const reason = failure ?? guard?.reason();
  if (reason) throw reason;
}
