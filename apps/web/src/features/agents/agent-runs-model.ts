import { count } from '../../lib/format';

/** One agent run as the project stream reports it (`agent` events: started, progress, completed, failed). */
export interface AgentRun {
  runId: string;
  agent: string;
  actorId: string | null;
  state: 'running' | 'completed' | 'failed';
  /** Latest progress note, when the agent sends one. */
  note: string | null;
  proposalId: string | null;
  created: number | null;
  errorCode: string | null;
  updatedAt: number;
}

interface AgentEvent {
  entityId: string;
  action: string;
  actorId: string | null;
  diff: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** `{ step, index, of }` from `runAgent`'s progress events: "Choosing stories (2/3)". */
function stepNote(diff: Record<string, unknown>): string | null {
  const step = text(diff.step) ?? text(diff.message);
  if (!step) return null;
  const index = numberOf(diff.index);
  const of = numberOf(diff.of);
  return index !== null && of !== null ? `${step} (${index}/${of})` : step;
}

/** Folds one `agent` event into the list of runs (newest last); unknown actions are ignored. */
export function applyAgentEvent(runs: AgentRun[], event: AgentEvent, now = Date.now()): AgentRun[] {
  const existing = runs.find((run) => run.runId === event.entityId);
  const base: AgentRun = existing ?? {
    runId: event.entityId,
    agent: text(event.diff.agent) ?? 'agent',
    actorId: event.actorId,
    state: 'running',
    note: null,
    proposalId: null,
    created: null,
    errorCode: null,
    updatedAt: now,
  };
  let next: AgentRun;
  if (event.action === 'started') next = { ...base, state: 'running' };
  else if (event.action === 'progress') next = { ...base, state: 'running', note: stepNote(event.diff) ?? base.note };
  else if (event.action === 'completed') next = { ...base, state: 'completed', proposalId: text(event.diff.proposalId), created: numberOf(event.diff.created) };
  else if (event.action === 'failed') next = { ...base, state: 'failed', errorCode: text(event.diff.code) ?? 'INTERNAL' };
  else return runs;
  next.updatedAt = now;
  return [...runs.filter((run) => run.runId !== next.runId), next].slice(-5);
}

const FAILURES: Record<string, string> = {
  AI_BUDGET_EXCEEDED: "the project's AI budget is used up",
  AI_UNAVAILABLE: 'the AI provider is unavailable',
  AI_TIMEOUT: 'the AI provider took too long',
  AI_CIRCUIT_OPEN: 'the AI provider is failing, retry in a minute',
  CONFLICT: 'the board does not allow it now',
  NOT_FOUND: 'something it needed is gone',
};

/** A sentence for the run's state. */
export function outcome(run: AgentRun): string {
  if (run.state === 'failed') return `failed: ${FAILURES[run.errorCode ?? ''] ?? 'something went wrong'}`;
  if (run.state === 'running') return run.note ? `running: ${run.note}` : 'running…';
  if (run.proposalId) return 'completed: proposal ready';
  if (run.created !== null) return run.created === 0 ? 'completed: nothing new found' : `completed: ${count(run.created, 'new insight')}`;
  return 'completed';
}
