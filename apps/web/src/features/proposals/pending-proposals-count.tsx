import { usePendingProposals } from './use-pending-proposals';

export function PendingProposalsCount({ projectId }: { projectId: string }) {
  const pending = usePendingProposals(projectId);
  if (pending.items.length === 0) return null;
  const label = `${pending.items.length}${pending.more ? '+' : ''}`;
  return (
    <span className="nav-count" data-testid="pending-proposals" aria-label={`${label} pending`}>
      {label}
    </span>
  );
}
