import { count } from '../../lib/format';
import { trpc } from '../../lib/trpc';

/** What the AI runs on and what the project used this month against its budget. */
export function AiStatusCard({ projectId }: { projectId: string }) {
  const status = trpc.ai.status.useQuery(undefined, { staleTime: 60_000 });
  const usage = trpc.aiUsage.summary.useQuery({ projectId }, { staleTime: 30_000 });
  const chat = status.data?.chat;
  const budget = usage.data?.budget;
  const tokens = usage.data ? usage.data.totals.promptTokens + usage.data.totals.completionTokens : null;
  const share = budget?.monthlyTokenLimit ? Math.min(100, (budget.remoteTokens / budget.monthlyTokenLimit) * 100) : null;
  return (
    <section className="card" aria-label="AI status" data-testid="ai-status">
      <div className="card-header">
        <h2>AI teammate</h2>
        {status.data && <span className={status.data.mode === 'offline' ? 'badge badge-warning' : 'badge badge-success'}>{status.data.mode === 'offline' ? 'offline' : 'connected'}</span>}
      </div>
      <div className="card-body stack" style={{ padding: '16px 24px' }}>
        {chat && (
          <p style={{ fontSize: 13 }}>
            {chat.offline ? 'The built-in offline provider answers: deterministic rules and templated text, marked as offline.' : `Answers come from ${chat.model} (${chat.provider}).`}
            {chat.breaker === 'open' && <span className="badge badge-danger" style={{ marginLeft: 6 }}>provider failing</span>}
          </p>
        )}
        {usage.data && (
          <div>
            <div className="section-title">This month</div>
            <p style={{ fontSize: 13 }}>
              {count(usage.data.totals.calls, 'call')} · {count(tokens ?? 0, 'token')}
              {usage.data.totals.costUsd > 0 ? ` · $${usage.data.totals.costUsd.toFixed(2)}` : ''}
            </p>
            {share !== null && (
              <div style={{ marginTop: 8 }}>
                <div className={share >= 100 ? 'progress over' : 'progress'}>
                  <div style={{ width: `${share}%` }} />
                </div>
                <span className="hint">
                  {Math.round(share)}% of the monthly budget{budget?.exceeded ? ': used up, AI calls are refused until it resets' : ''}
                </span>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
