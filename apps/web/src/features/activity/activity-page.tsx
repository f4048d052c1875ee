import { useCallback } from 'react';
import { useParams } from 'react-router';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { LiveIndicator } from '../board/live-indicator';
import { useProjectEvents } from '../board/use-project-events';
import { ActivityList } from './activity-list';
import { useNames } from './use-names';

export default function ActivityPage() {
  const { projectId = '' } = useParams();
  const utils = trpc.useUtils();
  const feed = trpc.activity.list.useInfiniteQuery({ projectId, limit: 30 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const live = useProjectEvents(projectId, useCallback(() => void utils.activity.list.invalidate({ projectId }), [projectId, utils]));
  const names = useNames(projectId);
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div style={{ maxWidth: 820 }}>
      <div className="page-header">
        <div>
          <h1>Activity</h1>
          <p>Every change in this project, newest first.</p>
        </div>
        <LiveIndicator status={live} />
      </div>
      <section className="card card-body">
        {feed.isLoading && <Loading />}
        {feed.error && <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />}
        {feed.data && items.length === 0 && <EmptyState icon="↯" title="Nothing has happened yet">Changes to stories, sprints and members appear here.</EmptyState>}
        <ActivityList items={items} names={names} />
        {feed.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <button type="button" className="btn btn-sm" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
              {feed.isFetchingNextPage ? 'Loading…' : 'Show older'}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
