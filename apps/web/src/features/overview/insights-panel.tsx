import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { EntityLinks } from '../proposals/proposal-evidence';
import { LoadMore } from '../../ui/load-more';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const SEVERITY_LABELS = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

interface Props {
  projectId: string;
  canAcknowledge: boolean;
  names: ReadonlyMap<string, string>;
  onOpenItem: (id: string) => void;
}

/** What the project analyst found: severity first, each with its explanation and linked entities. */
export function InsightsPanel({ projectId, canAcknowledge, names, onOpenItem }: Props) {
  const [showAcknowledged, setShowAcknowledged] = useState(false);
  const list = trpc.insights.list.useInfiniteQuery({ projectId, includeAcknowledged: showAcknowledged, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const utils = trpc.useUtils();
  const toast = useToast();
  const acknowledge = trpc.insights.acknowledge.useMutation({
    onSuccess: () => utils.insights.list.invalidate({ projectId }),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  // Within a loaded page set, the most severe come first; the server's order (newest first) breaks ties.
  const items = [...(list.data?.pages.flatMap((page) => page.items) ?? [])].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <section className="card" aria-label="Insights" data-testid="insights-panel">
      <div className="card-header">
        <h2>Insights</h2>
        <label className="checkbox" style={{ fontSize: 12.5 }}>
          <input type="checkbox" checked={showAcknowledged} onChange={(event) => setShowAcknowledged(event.target.checked)} /> Show acknowledged
        </label>
      </div>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && (
        <EmptyState icon="◎" title="No open insights">
          The analyst looks for stale and blocked work, scope creep, overdue sprints and overloaded people every hour, or when you run it.
        </EmptyState>
      )}
      <ul className="card-list">
        {items.map((insight) => (
          <li key={insight.id} className={`insight insight-${insight.severity}`} data-testid="insight" data-severity={insight.severity}>
            <div className="grow stack" style={{ gap: 6 }}>
              <div className="row" style={{ flexWrap: 'wrap' }}>
                <span className={`badge severity-${insight.severity}`}>{SEVERITY_LABELS[insight.severity]}</span>
                <strong className="grow">{insight.title}</strong>
                <span className="muted" style={{ fontSize: 12 }}>{timeAgo(insight.createdAt)}</span>
              </div>
              {insight.explanation && <p className="insight-text">{insight.explanation}</p>}
              <div className="row-between">
                <EntityLinks projectId={projectId} entities={insight.entities} names={names} onOpenItem={onOpenItem} />
                {insight.acknowledgedAt ? (
                  <span className="muted" style={{ fontSize: 12 }}>Acknowledged by {(insight.acknowledgedById && names.get(insight.acknowledgedById)) ?? 'someone'}</span>
                ) : (
                  canAcknowledge && (
                    <button type="button" className="btn btn-sm" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate({ projectId, id: insight.id })}>
                      Acknowledge
                    </button>
                  )
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore list={list} />
    </section>
  );
}
