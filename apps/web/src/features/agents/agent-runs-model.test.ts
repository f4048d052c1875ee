import { describe, expect, it } from 'vitest';
import { applyAgentEvent, outcome, type AgentRun } from './agent-runs-model';

const event = (action: string, diff: Record<string, unknown>, entityId = 'run-1') => ({ entityId, action, actorId: 'u1', diff: { agent: 'sprint_planner', ...diff } });

describe('agent runs from project events', () => {
  it('follows one run from start to a proposal, and keeps the newest five', () => {
    let runs: AgentRun[] = [];
    runs = applyAgentEvent(runs, event('started', {}), 1);
    expect(runs).toMatchObject([{ runId: 'run-1', agent: 'sprint_planner', state: 'running', actorId: 'u1' }]);
    runs = applyAgentEvent(runs, event('progress', { step: 'Choosing stories', index: 2, of: 3 }), 2);
    expect(outcome(runs[0]!)).toBe('running: Choosing stories (2/3)');
    runs = applyAgentEvent(runs, event('completed', { proposalId: 'p1' }), 3);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ state: 'completed', proposalId: 'p1', updatedAt: 3 });
    expect(outcome(runs[0]!)).toBe('completed: proposal ready');
    for (let i = 2; i <= 7; i += 1) runs = applyAgentEvent(runs, event('started', {}, `run-${i}`), i);
    expect(runs.map((run) => run.runId)).toEqual(['run-3', 'run-4', 'run-5', 'run-6', 'run-7']);
  });

  it('describes analyst results and failures, and ignores unknown actions', () => {
    const done = applyAgentEvent([], { entityId: 'a', action: 'completed', actorId: null, diff: { agent: 'analyst', found: 4, created: 2 } });
    expect(outcome(done[0]!)).toBe('completed: 2 new insights');
    const failed = applyAgentEvent([], event('failed', { code: 'AI_BUDGET_EXCEEDED' }));
    expect(outcome(failed[0]!)).toBe("failed: the project's AI budget is used up");
    expect(applyAgentEvent(done, event('renamed', {}, 'a'))).toBe(done);
  });
});
