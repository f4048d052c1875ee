import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorCode, errorDetails, errorMessage } from '../../lib/errors';
import { count, formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { ErrorState, Loading } from '../../ui/states';
import { useProjectEvents, type ProjectEvent } from '../board/use-project-events';
import { useToast } from '../../ui/toast';
import { linksOf, toggleChange } from './change-selection';
import { ChangeDiff } from './change-diff';
import { ConflictList, type ChangedEvent } from './conflict-list';
import { EntityLinks, evidenceEntities } from './proposal-evidence';
import { ProposalMeta, ProposalStatus } from './proposal-meta';

const BOARD_ENTITIES = new Set(['story', 'epic', 'task', 'sprint', 'dependency']);

interface Props {
  projectId: string;
  proposalId: string;
  canReview: boolean;
  names: ReadonlyMap<string, string>;
  backTo: string;
  onOpenItem: (id: string) => void;
}

/** One proposal: explanation, evidence, the preview as a diff with a checkbox per change, apply or reject. */
export function ProposalDetail({ projectId, proposalId, canReview, names, backTo, onOpenItem }: Props) {
  const proposal = trpc.proposals.get.useQuery({ projectId, id: proposalId });
  const preview = trpc.proposals.preview.useQuery({ projectId, id: proposalId });
  const utils = trpc.useUtils();
  const toast = useToast();
  // Unchecked changes are remembered, not checked ones: new changes (none expected) start selected.
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState<ChangedEvent[] | null>(null);
  const refresh = () =>
    Promise.all([utils.proposals.invalidate(), utils.board.get.invalidate({ projectId }), utils.stories.list.invalidate({ projectId }), utils.epics.list.invalidate({ projectId }), utils.sprints.invalidate()]);
  const onError = (error: unknown) => {
    const changed = errorDetails(error)?.changed;
    if (errorCode(error) === 'CONFLICT' && Array.isArray(changed)) setConflict(changed as ChangedEvent[]);
    else toast(errorMessage(error), 'error');
    void utils.proposals.preview.invalidate({ projectId, id: proposalId });
  };
  const apply = trpc.proposals.applyChanges.useMutation({
    onSuccess: async (result) => {
      setConflict(null);
      setUnchecked(new Set());
      toast(`Applied ${count(result.appliedChangeIds.length, 'change')}`, 'success');
      await refresh();
    },
    onError,
  });
  const reject = trpc.proposals.reject.useMutation({
    onSuccess: async () => {
      toast('Proposal rejected', 'info');
      await refresh();
    },
    onError,
  });

  // Board changes made while the proposal is open can conflict with it: the preview says so before anyone clicks.
  useProjectEvents(
    projectId,
    useCallback(
      (event: ProjectEvent) => {
        if (BOARD_ENTITIES.has(event.entityType) && event.proposalId !== proposalId) void utils.proposals.preview.invalidate({ projectId, id: proposalId });
      },
      [projectId, proposalId, utils],
    ),
  );

  const changes = useMemo(() => proposal.data?.payload.changes ?? [], [proposal.data]);
  const links = useMemo(() => changes.map(linksOf), [changes]);
  const applied = useMemo(() => new Set(proposal.data?.appliedChangeIds ?? []), [proposal.data]);
  const open = changes.filter((change) => !applied.has(change.changeId)).map((change) => change.changeId);
  const selected = new Set(open.filter((id) => !unchecked.has(id)));
  const itemKeys = useMemo(() => {
    const keys = new Map<string, string>();
    for (const change of preview.data?.changes ?? []) {
      const target = 'target' in change ? (change.target as { id: string | null; key: string | null } | null) : null;
      if (target?.id && target.key) keys.set(target.id, target.key);
    }
    return keys;
  }, [preview.data]);

  if (proposal.isLoading) return <Loading />;
  if (proposal.error || !proposal.data) return <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />;
  const data = proposal.data;
  const reviewable = canReview && (data.status === 'pending' || data.status === 'partially_applied') && !preview.data?.expired;
  const evidence = evidenceEntities(data.evidence);
  const toggle = (changeId: string) => {
    const next = toggleChange(links, selected, applied, changeId);
    setUnchecked(new Set(open.filter((id) => !next.has(id))));
  };

  return (
    <article className="card proposal-detail" data-testid="proposal-detail" aria-label={data.title}>
      <header className="card-header">
        <div className="stack" style={{ gap: 6, minWidth: 0 }}>
          <Link to={backTo} className="show-mobile">← All proposals</Link>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <h2>{data.title}</h2>
            <ProposalStatus status={data.status} />
          </div>
          <ProposalMeta proposal={data} />
        </div>
      </header>
      <div className="card-body stack">
        {data.explanation && <p className="proposal-explanation">{data.explanation}</p>}
        {(evidence.entities.length > 0 || evidence.memories > 0) && (
          <div>
            <div className="section-title">Evidence</div>
            <EntityLinks projectId={projectId} entities={evidence.entities} names={names} onOpenItem={onOpenItem} />
            {evidence.memories > 0 && <span className="muted" style={{ fontSize: 12.5 }}> and {evidence.memories} project memor{evidence.memories === 1 ? 'y' : 'ies'}</span>}
          </div>
        )}
        {conflict && <ConflictList projectId={projectId} changed={conflict} names={names} itemKeys={itemKeys} title="Not applied: the board changed since this proposal was made" />}
        {!conflict && reviewable && preview.data && preview.data.conflicts.length > 0 && (
          <ConflictList projectId={projectId} changed={preview.data.conflicts} names={names} itemKeys={itemKeys} title="The board changed since this proposal was made; applying will be refused" />
        )}
        {preview.data?.expired && data.status !== 'expired' && <p className="form-error">This proposal has expired and can no longer be applied.</p>}
        <div className="row-between">
          <div className="section-title" style={{ margin: 0 }}>
            Changes ({changes.length}
            {applied.size > 0 ? `, ${applied.size} applied` : ''})
          </div>
          {data.status === 'pending' || data.status === 'partially_applied' ? <span className="muted" style={{ fontSize: 12 }}>Expires {formatDate(data.expiresAt)}</span> : null}
        </div>
        {preview.isLoading && <Loading label="Checking against the board…" />}
        {preview.error && <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />}
        <ul className="change-list">
          {preview.data?.changes.map((change) => (
            <li key={change.changeId} className={change.applied ? 'change applied' : 'change'} data-testid="proposal-change">
              {reviewable && !change.applied && (
                <input type="checkbox" className="change-check" aria-label={`Include change ${change.changeId}`} checked={selected.has(change.changeId)} onChange={() => toggle(change.changeId)} />
              )}
              <ChangeDiff change={change} names={names} onOpen={onOpenItem} />
            </li>
          ))}
        </ul>
      </div>
      {reviewable && (
        <footer className="proposal-actions">
          <button type="button" className="btn btn-primary" disabled={selected.size === 0 || apply.isPending || reject.isPending} onClick={() => apply.mutate({ projectId, id: data.id, changeIds: [...selected] })}>
            {apply.isPending ? 'Applying…' : `Apply selected (${selected.size})`}
          </button>
          <button type="button" className="btn btn-danger" disabled={reject.isPending || apply.isPending} onClick={() => reject.mutate({ projectId, id: data.id })}>
            Reject
          </button>
          {/* Buttons on the left: toasts appear in the bottom-right corner. */}
          <span className="muted" style={{ fontSize: 12.5 }}>
            {selected.size} of {open.length} selected
          </span>
        </footer>
      )}
    </article>
  );
}
