import { randomUUID } from 'node:crypto';
import { publishEvents, recordEvent } from '../events/project-events';
import type { Context } from '../trpc/context';

export type AgentContext = Pick<Context, 'db' | 'bus' | 'env' | 'ai' | 'capabilities'> & { auth: { user: { id: string } } | null };

/**
 * Runs an agent with progress events on the project stream (`agent` / `started`, then `completed`
 * with the proposal or insight ids, or `failed` with the error code), so the UI can show it live.
 */
export async function runAgent<T>(ctx: AgentContext, projectId: string, agent: string, work: () => Promise<T>, summary: (result: T) => Record<string, unknown>): Promise<T> {
  const runId = randomUUID();
  const actorId = ctx.auth?.user.id ?? null;
  const emit = async (action: string, diff: Record<string, unknown>) => {
    const event = await recordEvent(ctx.db, { projectId, actorId, entityType: 'agent', entityId: runId, action, aiTriggered: true, diff: { agent, ...diff } });
    await publishEvents(ctx.bus, [event]);
  };
  await emit('started', {});
  try {
    const result = await work();
    await emit('completed', summary(result));
    return result;
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'INTERNAL';
    await emit('failed', { code });
    throw error;
  }
}
