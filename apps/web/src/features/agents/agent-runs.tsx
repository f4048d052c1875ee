import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useProjectEvents, type ProjectEvent } from '../board/use-project-events';
import { useMembers } from '../members/use-members';
import { agentLabel } from './agent-labels';
import { applyAgentEvent, outcome, type AgentRun } from './agent-runs-model';

const FINISHED_VISIBLE_MS = 20_000;

/**
 * Agents running in the project, for everyone watching it (not only the person who started them):
 * "Sprint planner running…", then "completed: proposal ready" with a link to review it.
 */
export function AgentRuns({ projectId }: { projectId: string }) {
  const [runs, setRuns] = useState<AgentRun[]>([]);
  const members = useMembers(projectId);
  useProjectEvents(
    projectId,
    useCallback((event: ProjectEvent) => {
      if (event.entityType === 'agent') setRuns((current) => applyAgentEvent(current, event));
    }, []),
  );
  const finished = runs.filter((run) => run.state !== 'running');
  useEffect(() => {
    if (finished.length === 0) return;
    const oldest = Math.min(...finished.map((run) => run.updatedAt));
    const timer = window.setTimeout(() => setRuns((current) => current.filter((run) => run.state === 'running' || Date.now() - run.updatedAt < FINISHED_VISIBLE_MS)), Math.max(0, oldest + FINISHED_VISIBLE_MS - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [finished]);
  if (runs.length === 0) return null;
  return (
    <div className="agent-runs" aria-live="polite" data-testid="agent-runs">
      {runs.map((run) => {
        const actor = run.actorId ? members.byId.get(run.actorId)?.name : null;
        return (
          <div key={run.runId} className={`agent-run agent-run-${run.state}`} data-testid="agent-run" data-state={run.state} data-agent={run.agent}>
            <span className="agent-run-icon" aria-hidden="true">{run.state === 'running' ? <span className="spinner spinner-sm" /> : run.state === 'completed' ? '✓' : '!'}</span>
            <div className="grow">
              <div className="agent-run-title">
                {agentLabel(run.agent)} {outcome(run)}
              </div>
              <div className="agent-run-meta">
                {actor ? `Started by ${actor}` : 'Scheduled run'}
                {run.proposalId && (
                  <>
                    {' · '}
                    <Link to={`/projects/${projectId}/proposals/${run.proposalId}`}>Review the proposal →</Link>
                  </>
                )}
                {run.agent === 'analyst' && run.state === 'completed' && (
                  <>
                    {' · '}
                    <Link to={`/projects/${projectId}/overview`}>See insights →</Link>
                  </>
                )}
              </div>
            </div>
            {run.state !== 'running' && (
              <button type="button" className="agent-run-close" aria-label="Dismiss" onClick={() => setRuns((current) => current.filter((other) => other.runId !== run.runId))}>
                ×
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
