import { and, desc, eq, events, lt, not, users, type SQL } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { resolveItems } from '../dependencies/work-item-refs';
import type { ListActivityInput } from './activity.schemas';

const ITEM_TYPES = new Set(['epic', 'story', 'task']);

export interface ActivityEntry {
  id: number;
  entityType: string;
  entityId: string;
  action: string;
  diff: Record<string, unknown>;
  aiTriggered: boolean;
  proposalId: string | null;
  createdAt: Date;
  actor: { id: string; name: string; avatarUrl: string | null } | null;
  /** `DM-42` for events about an epic, story or task (deleted ones included). */
  itemKey: string | null;
}

/**
 * The project's feed, or one entity's history, newest first. Keyset pagination on the event id
 * (the cursor is the last id of the previous page), so new events never shift a page being read.
 */
export async function listActivity({ ctx, input }: { ctx: { db: DbOrTx }; input: ListActivityInput & { projectId: string } }) {
  const conditions: SQL[] = [eq(events.projectId, input.projectId)];
  if (input.entityType) conditions.push(eq(events.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(events.entityId, input.entityId));
  if (input.cursor) conditions.push(lt(events.id, Number(input.cursor)));
  // An agent's step-by-step progress is for watching it live; the feed keeps its start and outcome.
  conditions.push(not(and(eq(events.entityType, 'agent'), eq(events.action, 'progress'))!));
  const rows = await ctx.db
    .select({
      id: events.id,
      entityType: events.entityType,
      entityId: events.entityId,
      action: events.action,
      diff: events.diff,
      aiTriggered: events.aiTriggered,
      proposalId: events.proposalId,
      createdAt: events.createdAt,
      actorId: events.actorId,
      actorName: users.name,
      actorAvatarUrl: users.avatarUrl,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(and(...conditions))
    .orderBy(desc(events.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const itemIds = page.filter((row) => ITEM_TYPES.has(row.entityType) && isUuid(row.entityId)).map((row) => row.entityId);
  const refs = await resolveItems(ctx.db, input.projectId, itemIds, { includeDeleted: true });
  const items: ActivityEntry[] = page.map(({ actorId, actorName, actorAvatarUrl, ...row }) => ({
    ...row,
    actor: actorId && actorName !== null ? { id: actorId, name: actorName, avatarUrl: actorAvatarUrl } : null,
    itemKey: ITEM_TYPES.has(row.entityType) ? (refs.get(row.entityId)?.key ?? null) : null,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
