import { Link } from 'react-router';
import { trpc } from '../../lib/trpc';
import { BellIcon } from '../../ui/bell-icon';
import { useToast } from '../../ui/toast';

/** The unread count, kept live by `notifications.onNew`. */
export function NotificationBell() {
  const unread = trpc.notifications.unreadCount.useQuery(undefined, { refetchInterval: 60_000 });
  const utils = trpc.useUtils();
  const toast = useToast();
  trpc.notifications.onNew.useSubscription(undefined, {
    onData: (notification) => {
      toast(notification.data.title);
      void utils.notifications.unreadCount.invalidate();
      void utils.notifications.list.invalidate();
    },
  });
  const count = unread.data?.count ?? 0;
  return (
    <Link to="/notifications" className="icon-btn" aria-label={count ? `Notifications, ${count} unread` : 'Notifications'} data-testid="notification-bell">
      <BellIcon />
      {count > 0 && <span className="count-dot" data-testid="unread-count">{count > 99 ? '99+' : count}</span>}
    </Link>
  );
}
