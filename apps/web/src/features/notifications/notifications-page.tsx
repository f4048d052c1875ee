import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';

const KIND_ICON: Record<string, string> = { assigned: '☺', mentioned: '@', invitation: '✉', proposal_ready: '✦' };

export default function NotificationsPage() {
  const list = trpc.notifications.list.useInfiniteQuery({ limit: 30 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const utils = trpc.useUtils();
  const toast = useToast();
  const refresh = () => Promise.all([utils.notifications.list.invalidate(), utils.notifications.unreadCount.invalidate()]);
  const markRead = trpc.notifications.markRead.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  const markAll = trpc.notifications.markAllRead.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const anyUnread = items.some((item) => !item.readAt);
  const linkFor = (item: (typeof items)[number]) => {
    if (item.kind === 'invitation' || !item.projectId) return '/projects';
    if (item.entityType === 'proposal') return `/projects/${item.projectId}/proposals/${item.entityId}`;
    if (item.entityType === 'insight') return `/projects/${item.projectId}/overview`;
    return `/projects/${item.projectId}/board${item.entityType === 'story' ? `?item=${item.entityId}` : ''}`;
  };
  return (
    <div style={{ maxWidth: 820 }}>
      <div className="page-header">
        <div>
          <h1>Notifications</h1>
          <p>Assignments, mentions, invitations and AI proposals.</p>
        </div>
        {anyUnread && <button type="button" className="btn" onClick={() => markAll.mutate()} disabled={markAll.isPending}>Mark all as read</button>}
      </div>
      <section className="card">
        {list.isLoading && <Loading />}
        {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && <EmptyState icon="◔" title="You are all caught up">New notifications appear here as they happen.</EmptyState>}
        <ul className="card-list">
          {items.map((item) => (
            <li key={item.id} style={item.readAt ? undefined : { background: 'var(--accent-50)' }}>
              <div className="state-icon" style={{ width: 34, height: 34, fontSize: 15, margin: 0 }}>{KIND_ICON[item.kind] ?? '•'}</div>
              <div className="grow">
                <Link to={linkFor(item)} style={{ fontWeight: item.readAt ? 500 : 700, color: 'var(--text)' }} onClick={() => !item.readAt && markRead.mutate({ ids: [item.id] })}>{item.title}</Link>
                {item.body && <div className="muted" style={{ fontSize: 13 }}>{item.body}</div>}
                <div className="muted" style={{ fontSize: 12 }}>{timeAgo(item.createdAt)}</div>
              </div>
              {!item.readAt && <button type="button" className="btn btn-ghost btn-sm" onClick={() => markRead.mutate({ ids: [item.id] })}>Mark read</button>}
            </li>
          ))}
        </ul>
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', padding: 12 }}>
            <button type="button" className="btn btn-sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>Show older</button>
          </div>
        )}
      </section>
    </div>
  );
}
