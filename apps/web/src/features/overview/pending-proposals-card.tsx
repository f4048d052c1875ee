import { Link } from 'react-router';
import { timeAgo } from '../../lib/format';
import { agentLabel } from '../agents/agent-labels';
import { usePendingProposals } from '../proposals/use-pending-proposals';

/** How many proposals wait for review, the newest few, and the way to the inbox. */
export function PendingProposalsCard({ projectId }: { projectId: string }) {
  const pending = usePendingProposals(projectId);
  const count = `${pending.items.length}${pending.more ? '+' : ''}`;
  return (
    <section className="card" aria-label="Pending proposals" data-testid="pending-proposals-card">
      <div className="card-header">
        <h2>Proposals to review</h2>
        <span className={pending.items.length ? 'badge badge-info' : 'badge'}>{count}</span>
      </div>
      {pending.items.length === 0 ? (
        <p className="card-body muted" style={{ padding: '16px 24px' }}>Nothing waiting. Agents' suggestions land here before they change anything.</p>
      ) : (
        <ul className="card-list">
          {pending.items.slice(0, 4).map((proposal) => (
            <li key={proposal.id} style={{ flexDirection: 'column', alignItems: 'stretch', gap: 2 }}>
              <Link to={`/projects/${projectId}/proposals/${proposal.id}`} className="truncate" style={{ fontWeight: 550 }}>
                {proposal.title}
              </Link>
              <span className="muted" style={{ fontSize: 12 }}>
                {agentLabel(proposal.agent)}
                {proposal.offline ? ' (offline)' : ''} · {timeAgo(proposal.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="card-footer">
        <Link to={`/projects/${projectId}/proposals`}>Open the inbox →</Link>
      </div>
    </section>
  );
}
