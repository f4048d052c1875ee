import { randomUUID } from 'node:crypto';
import { publishEvents, recordEvent } from '../events/project-events';
import type { Context } from '../trpc/context';

export type AgentContext = Pick<Context, 'db' | 'bus' | 'env' | 'ai' | 'capabilities'> & { auth: { user: { id: string } } | null };

/** Reports a step of a running agent: `step` names it for people, `index`/`of` place it (1-based). */
export type AgentProgress = (step: string, index: number, of: number) => Promise<void>;

/**
 * Runs an agent with progress events on the project stream (`agent` / `started`, `progress` for
 * each step the work reports, then `completed` with the proposal or insight ids, or `failed` with
 * the error code), so every member watching the project sees it live.
 */
export async function runAgent<T>(
  ctx: AgentContext,
  projectId: string,
  agent: string,
  work: (progress: AgentProgress) => Promise<T>,
  summary: (result: T) => Record<string, unknown>,
): Promise<T> {
  const runId = randomUUID();
  const actorId = ctx.auth?.user.id ?? null;
  const emit = async (action: string, diff: Record<string, unknown>) => {
    const event = await recordEvent(ctx.db, { projectId, actorId, entityType: 'agent', entityId: runId, action, aiTriggered: true, diff: { agent, ...diff } });
    await publishEvents(ctx.bus, [event]);
  };
  await emit('started', {});
  try {
    const result = await work((step, index, of) => emit('progress', { step, index, of }));
    await emit('completed', summary(result));
    return result;
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'INTERNAL';
    await emit('failed', { code });
    throw error;
  }
}
