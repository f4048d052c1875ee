import { Link, useParams, useSearchParams } from 'react-router';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useNames } from '../activity/use-names';
import { ItemDrawer } from '../items/item-drawer';
import { useOpenItem } from '../items/use-open-item';
import { useProject } from '../projects/use-project';
import { ProposalDetail } from './proposal-detail';
import { ProposalMeta, ProposalStatus, STATUS_LABELS } from './proposal-meta';
import { LoadMore } from '../../ui/load-more';

const FILTERS = ['pending', 'partially_applied', 'applied', 'rejected', 'expired', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** The proposals inbox: what the agents suggest, newest first, filtered by status; one opens beside the list. */
export default function ProposalsPage() {
  const { projectId = '', proposalId } = useParams();
  const [params, setParams] = useSearchParams();
  const filter: Filter = FILTERS.find((value) => value === params.get('status')) ?? 'pending';
  const project = useProject(projectId);
  const names = useNames(projectId);
  const list = trpc.proposals.list.useInfiniteQuery(
    { projectId, status: filter === 'all' ? undefined : filter, limit: 20 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const role = project.data?.role;
  const canReview = Boolean(role && role !== 'viewer' && !project.data?.archivedAt);
  const search = params.toString() ? `?${params.toString()}` : '';
  const { itemId, openItem, closeItem } = useOpenItem();
  const setFilter = (value: Filter) => setParams((current) => { const next = new URLSearchParams(current); next.set('status', value); return next; }, { replace: true });

  return (
    <>
      <div className={proposalId ? 'page-header hide-mobile' : 'page-header'}>
        <div>
          <h1>Proposals</h1>
          <p>What the AI agents suggest. Nothing changes until someone applies it.</p>
        </div>
      </div>
      <div className={proposalId ? 'inbox-layout has-selection' : 'inbox-layout'}>
        <section className="card inbox-list" aria-label="Proposals">
          <div className="inbox-filters" role="group" aria-label="Status">
            {FILTERS.map((value) => (
              <button key={value} type="button" className={value === filter ? 'filter-pill active' : 'filter-pill'} aria-pressed={value === filter} onClick={() => setFilter(value)}>
                {value === 'all' ? 'All' : STATUS_LABELS[value]}
              </button>
            ))}
          </div>
          {list.isLoading && <Loading />}
          {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
          {list.data && items.length === 0 && (
            <EmptyState icon="✦" title={filter === 'pending' ? 'Nothing to review' : 'No proposals here'}>
              Generate a backlog from an idea on the Backlog page, or ask for a sprint plan on the Sprints page.
            </EmptyState>
          )}
          <ul className="card-list">
            {items.map((item) => (
              <li key={item.id} className={item.id === proposalId ? 'inbox-item selected' : 'inbox-item'} data-testid="proposal-row">
                <Link to={`/projects/${projectId}/proposals/${item.id}${search}`} className="inbox-link">
                  <span className="row-between" style={{ flexWrap: 'nowrap' }}>
                    <strong className="truncate">{item.title}</strong>
                    <ProposalStatus status={item.status} />
                  </span>
                  <ProposalMeta proposal={item} />
                  {item.explanation && <span className="inbox-snippet">{item.explanation}</span>}
                </Link>
              </li>
            ))}
          </ul>
          <LoadMore list={list} />
        </section>
        <div className="inbox-detail">
          {proposalId ? (
            <ProposalDetail key={proposalId} projectId={projectId} proposalId={proposalId} canReview={canReview} names={names} backTo={`/projects/${projectId}/proposals${search}`} onOpenItem={openItem} />
          ) : (
            <div className="card hide-mobile">
              <EmptyState icon="✦" title="Pick a proposal">
                Its changes show as a diff against the board as it is now{items[0] ? `; the newest is from ${timeAgo(items[0].createdAt)}` : ''}.
              </EmptyState>
            </div>
          )}
        </div>
      </div>
      {itemId && <ItemDrawer projectId={projectId} itemId={itemId} canEdit={canReview} onClose={closeItem} />}
    </>
  );
}
