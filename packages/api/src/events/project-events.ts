import { events, type Database } from '@devmentor/db';
import type { EventBus } from '../bus';

/** A transaction handle or the database itself: services accept either. */
export type DbOrTx = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface EventInput {
  projectId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  /** `created`, `updated`, `moved`, `deleted`, `restored`, `status_changed`, ... */
  action: string;
  /** Changed fields as `{ field: { from, to } }`, or the created/deleted row. */
  diff?: Record<string, unknown>;
  aiTriggered?: boolean;
  proposalId?: string | null;
}

/** What subscribers receive: the stored event row, JSON-safe. */
export interface ProjectEvent {
  id: number;
  projectId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  diff: Record<string, unknown>;
  aiTriggered: boolean;
  proposalId: string | null;
  createdAt: string;
}

/** Carries `{ lastEventId }` after every publish: wakes durable event consumers on every instance. */
export const EVENTS_CHANNEL = 'events:committed';

/** The bus channel carrying one project's events. */
export function projectChannel(projectId: string): string {
  return `project:${projectId}`;
}

/** Writes the event row with the caller's transaction, so the change and its event commit together. */
export async function recordEvent(tx: DbOrTx, input: EventInput): Promise<ProjectEvent> {
  const [row] = await tx
    .insert(events)
    .values({
      projectId: input.projectId,
      actorId: input.actorId,
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      diff: input.diff ?? {},
      aiTriggered: input.aiTriggered ?? false,
      proposalId: input.proposalId ?? null,
    })
    .returning();
  if (!row) throw new Error('event insert returned nothing');
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/**
 * Publishes committed events on their project's channel. Call after the transaction commits:
 * a subscriber must never see an event whose change was rolled back.
 */
export async function publishEvents(bus: EventBus, committed: ProjectEvent[]): Promise<void> {
  for (const event of committed) {
    if (event.projectId) await bus.publish(projectChannel(event.projectId), event);
  }
  const last = committed[committed.length - 1];
  if (last) await bus.publish(EVENTS_CHANNEL, { lastEventId: last.id });
}

/** `{ field: { from, to } }` for the fields whose values differ. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[field]) !== JSON.stringify(value)) changes[field] = { from: before[field], to: value };
  }
  return changes;
}
