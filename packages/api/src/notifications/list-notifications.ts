import { and, desc, eq, isNull, notifications, or, lt, sql, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';
import type { Auth, Context } from '../trpc/context';
import { toNotificationView, type NotificationView } from './notification-view';
import type { ListNotificationsInput } from './notifications.schemas';

type NotificationContext = Pick<Context, 'db'> & { auth: Auth };

function encodeCursor(row: { sourceEventId: number; id: string }): string {
  return Buffer.from(`${row.sourceEventId}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sourceEventId: number; id: string } {
  const [eventId, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const sourceEventId = Number(eventId);
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || !Number.isSafeInteger(sourceEventId)) throw new ValidationError('Invalid cursor', { field: 'cursor' });
  return { sourceEventId, id };
}

/** The caller's notifications, newest first (by source event), cursor-paginated; optionally unread only. */
export async function listNotifications({ ctx, input }: { ctx: NotificationContext; input: ListNotificationsInput }): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const filters: SQL[] = [eq(notifications.userId, ctx.auth.user.id)];
  if (input.unreadOnly) filters.push(isNull(notifications.readAt));
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    filters.push(or(lt(notifications.sourceEventId, after.sourceEventId), and(eq(notifications.sourceEventId, after.sourceEventId), sql`${notifications.id} < ${after.id}`))!);
  }
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...filters))
    .orderBy(desc(notifications.sourceEventId), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page.map(toNotificationView), nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/** Number of unread notifications of the caller. */
export async function countUnread({ ctx }: { ctx: NotificationContext }): Promise<{ count: number }> {
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.auth.user.id), isNull(notifications.readAt)));
  return { count: row?.count ?? 0 };
}
