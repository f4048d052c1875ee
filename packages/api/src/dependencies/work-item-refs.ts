import { and, eq, epics, inArray, isNull, projects, stories, tasks } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

export type ItemType = 'epic' | 'story' | 'task';

/** What a dependency shows of either end. */
export interface ItemRef {
  id: string;
  type: ItemType;
  key: string;
  title: string;
  status: string;
  done: boolean;
  deleted: boolean;
}

const tables = { epic: epics, story: stories, task: tasks } as const;

/**
 * Resolves ids to epics, stories or tasks of one project (ids of other projects resolve to
 * nothing, like unknown ids). Three indexed lookups whatever the number of ids.
 */
export async function resolveItems(db: DbOrTx, projectId: string, ids: string[], options: { includeDeleted?: boolean } = {}): Promise<Map<string, ItemRef>> {
  const found = new Map<string, ItemRef>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return found;
  const [project] = await db.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, projectId));
  if (!project) return found;
  await Promise.all(
    (Object.keys(tables) as ItemType[]).map(async (type) => {
      const table = tables[type];
      const rows = await db
        .select({ id: table.id, number: table.number, title: table.title, status: table.status, deletedAt: table.deletedAt })
        .from(table)
        .where(and(eq(table.projectId, projectId), inArray(table.id, unique), options.includeDeleted ? undefined : isNull(table.deletedAt)));
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          type,
          key: `${project.keyPrefix}-${row.number}`,
          title: row.title,
          status: row.status,
          done: row.status === 'done',
          deleted: row.deletedAt !== null,
        });
      }
    }),
  );
  return found;
}
