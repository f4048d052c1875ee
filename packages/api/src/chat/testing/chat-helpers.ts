import { aiProposals, eq, epics, events, stories, tasks, type Database } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { AppError } from '../../errors';
import type { ChatAskEvent } from '../chat.schemas';

/** Every event of a `chat.ask` stream until it ends (or throws). */
export async function collectAsk(stream: Promise<AsyncIterable<ChatAskEvent>>): Promise<ChatAskEvent[]> {
  const seen: ChatAskEvent[] = [];
  for await (const event of await stream) seen.push(event);
  return seen;
}

/** The events of a `chat.ask` stream that must fail, then its error code and details. */
export async function collectAskFailure(stream: Promise<AsyncIterable<ChatAskEvent>>): Promise<{ seen: ChatAskEvent[]; code: string; details: Record<string, unknown> }> {
  const seen: ChatAskEvent[] = [];
  try {
    for await (const event of await stream) seen.push(event);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { seen, code: error.code, details: (error.cause instanceof AppError && error.cause.details) || {} };
  }
  throw new Error(`the stream did not fail: ${JSON.stringify(seen.at(-1))}`);
}

/** The `done` message of a finished stream. */
export function doneMessage(seen: ChatAskEvent[]) {
  const last = seen.at(-1);
  if (last?.type !== 'done') throw new Error(`the stream did not finish: ${JSON.stringify(seen.at(-1))}`);
  return last.message;
}

export function deltaText(seen: ChatAskEvent[]): string {
  return seen.flatMap((event) => (event.type === 'delta' ? [event.text] : [])).join('');
}

/** What a change to the project would show: every item's version and status, the item events, the proposals. */
export async function projectState(db: Database, projectId: string) {
  const rows = [
    ...(await db.select({ id: stories.id, version: stories.version, status: stories.status, deletedAt: stories.deletedAt }).from(stories).where(eq(stories.projectId, projectId))),
    ...(await db.select({ id: tasks.id, version: tasks.version, status: tasks.status, deletedAt: tasks.deletedAt }).from(tasks).where(eq(tasks.projectId, projectId))),
    ...(await db.select({ id: epics.id, version: epics.version, status: epics.status, deletedAt: epics.deletedAt }).from(epics).where(eq(epics.projectId, projectId))),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const log = await db.select({ id: events.id, entityType: events.entityType, action: events.action }).from(events).where(eq(events.projectId, projectId));
  const proposals = await db.select().from(aiProposals).where(eq(aiProposals.projectId, projectId));
  return { items: rows, itemEvents: log.filter((event) => ['epic', 'story', 'task', 'sprint', 'dependency'].includes(event.entityType)), proposals };
}
