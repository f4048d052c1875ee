import { router } from '../trpc/init';
import { accountProcedure } from '../trpc/procedures';
import { countUnread, listNotifications } from './list-notifications';
import { markAllRead, markRead } from './mark-read';
import { ListNotificationsInput, MarkReadInput, OnNewInput } from './notifications.schemas';
import { streamNotifications } from './stream-notifications';

/** The caller's own notifications, across projects: scoped to `ctx.auth.user`, refused to project-restricted API keys. */
export const notificationsRouter = router({
  list: accountProcedure.input(ListNotificationsInput).query(({ ctx, input }) => listNotifications({ ctx, input })),
  unreadCount: accountProcedure.query(({ ctx }) => countUnread({ ctx })),
  markRead: accountProcedure.input(MarkReadInput).mutation(({ ctx, input }) => markRead({ ctx, input })),
  markAllRead: accountProcedure.mutation(({ ctx }) => markAllRead({ ctx })),
  onNew: accountProcedure.input(OnNewInput).subscription(({ ctx, input, signal }) => streamNotifications({ ctx, input, signal })),
});
