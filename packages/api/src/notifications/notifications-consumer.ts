import { notifications, type Database } from '@devmentor/db';
import type { EventBus } from '../bus';
import { createEventConsumer, type EventConsumer, type EventConsumerOptions } from '../events/event-consumer';
import { userChannel, type UserMessage } from '../live/user-channel';
import { deriveNotifications, type NotificationDraft } from './derive-notifications';
import { toNotificationView } from './notification-view';

export const NOTIFICATIONS_CONSUMER = 'notifications';

/**
 * Turns project events into stored notifications (durable consumer: nothing is lost while the
 * server is down, several instances never duplicate thanks to the cursor lock and the unique
 * `(source_event_id, user_id)`), then pushes each new one on `user:${userId}` after commit.
 */
export function createNotificationsConsumer(options: {
  db: Database;
  bus: EventBus;
  pollIntervalMs?: number;
  onError?: EventConsumerOptions['onError'];
}): EventConsumer {
  return createEventConsumer({
    name: NOTIFICATIONS_CONSUMER,
    db: options.db,
    bus: options.bus,
    startFrom: 'latest',
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    handle: async (batch, { tx }) => {
      const drafts: NotificationDraft[] = [];
      for (const event of batch) drafts.push(...(await deriveNotifications(tx, event)));
      if (drafts.length === 0) return;
      const rows = await tx.insert(notifications).values(drafts).onConflictDoNothing().returning();
      return async () => {
        for (const row of rows) {
          const message: UserMessage = { kind: 'notification', notification: toNotificationView(row) };
          await options.bus.publish(userChannel(row.userId), message);
        }
      };
    },
  });
}
