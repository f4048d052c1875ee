import { router } from '../trpc/init';
import { authedProcedure } from '../trpc/procedures';
import { countUnread, listNotifications } from './list-notifications';
import { markAllRead, markRead } from './mark-read';
import { ListNotificationsInput, MarkReadInput, OnNewInput } from './notifications.schemas';
import { streamNotifications } from './stream-notifications';

/** The caller's own notifications: every procedure is scoped to `ctx.auth.user`. */
export const notificationsRouter = router({
  list: authedProcedure.input(ListNotificationsInput).query(({ ctx, input }) => listNotifications({ ctx, input })),
  unreadCount: authedProcedure.query(({ ctx }) => countUnread({ ctx })),
  markRead: authedProcedure.input(MarkReadInput).mutation(({ ctx, input }) => markRead({ ctx, input })),
  markAllRead: authedProcedure.mutation(({ ctx }) => markAllRead({ ctx })),
  onNew: authedProcedure.input(OnNewInput).subscription(({ ctx, input, signal }) => streamNotifications({ ctx, input, signal })),
});
