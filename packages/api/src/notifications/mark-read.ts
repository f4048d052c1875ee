import { and, eq, inArray, isNull, notifications } from '@devmentor/db';
import type { Auth, Context } from '../trpc/context';
import type { MarkReadInput } from './notifications.schemas';

type NotificationContext = Pick<Context, 'db'> & { auth: Auth };

/** Marks the caller's own notifications read; ids of other users' notifications change nothing. */
export async function markRead({ ctx, input }: { ctx: NotificationContext; input: MarkReadInput }): Promise<{ updated: number }> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, ctx.auth.user.id), inArray(notifications.id, input.ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

export async function markAllRead({ ctx }: { ctx: NotificationContext }): Promise<{ updated: number }> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, ctx.auth.user.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
