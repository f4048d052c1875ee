import { timeAgo } from '../../lib/format';
import { agentLabel } from '../agents/agent-labels';

export const STATUS_LABELS: Record<string, string> = { pending: 'Pending', applied: 'Applied', partially_applied: 'Partly applied', rejected: 'Rejected', expired: 'Expired' };
const STATUS_BADGES: Record<string, string> = { pending: 'badge-info', applied: 'badge-success', partially_applied: 'badge-warning', rejected: '', expired: '' };

export function ProposalStatus({ status }: { status: string }) {
  return <span className={`badge ${STATUS_BADGES[status] ?? ''}`}>{STATUS_LABELS[status] ?? status}</span>;
}

/** Which agent made it, with which model, and whether it ran offline (templated text, deterministic rules). */
export function ProposalMeta({ proposal }: { proposal: { agent: string; provider: string; model: string; offline: boolean; createdAt: string | Date } }) {
  return (
    <span className="proposal-meta">
      <span className="badge badge-accent">{agentLabel(proposal.agent)}</span>
      {proposal.offline && (
        <span className="badge badge-warning" title="Made by the built-in offline provider: deterministic rules and templated text" data-testid="offline-marker">
          offline
        </span>
      )}
      <span className="muted">{timeAgo(proposal.createdAt)}</span>
      {!proposal.offline && <span className="muted hide-mobile">{proposal.model}</span>}
    </span>
  );
}
