import { and, eq, epics, inArray, isNull, projects, stories, tasks, users } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { parseItemKey } from '../work-items/kinds';

export type ChatItemType = 'epic' | 'story' | 'task';

/** An item as chat shows it to the model and resolves it for actions. */
export interface ChatItem {
  id: string;
  type: ChatItemType;
  key: string;
  title: string;
  description: string;
  status: string;
  priority: string | null;
  estimate: number | null;
  assignee: string | null;
  sprintId: string | null;
  updatedAt: Date;
}

export async function projectKeyPrefix(db: DbOrTx, projectId: string): Promise<string | null> {
  const [row] = await db.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, projectId));
  return row?.keyPrefix ?? null;
}

/**
 * Live items of the project named by keys like `DM-42` (numbers are unique per project across
 * the three kinds). Keys of another prefix or unknown numbers resolve to nothing.
 */
export async function findItemsByKeys(db: DbOrTx, projectId: string, keys: string[]): Promise<Map<string, ChatItem>> {
  const found = new Map<string, ChatItem>();
  const prefix = await projectKeyPrefix(db, projectId);
  if (!prefix) return found;
  const numbers = [
    ...new Set(
      keys.flatMap((key) => {
        const parsed = parseItemKey(key);
        return parsed && parsed.prefix === prefix.toUpperCase() ? [parsed.number] : [];
      }),
    ),
  ];
  if (numbers.length === 0) return found;
  for (const item of await loadItems(db, projectId, prefix, { numbers })) found.set(item.key.toUpperCase(), item);
  return found;
}

/** Items of the project by numbers or ids (three indexed queries), with the assignee's name. */
export async function loadItems(db: DbOrTx, projectId: string, prefix: string, where: { numbers?: number[]; storyIds?: string[] }): Promise<ChatItem[]> {
  const items: ChatItem[] = [];
  const storyFilter = where.numbers ? inArray(stories.number, where.numbers) : inArray(stories.id, where.storyIds ?? []);
  const storyRows = await db
    .select({ row: stories, assignee: users.name })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.assigneeId))
    .where(and(eq(stories.projectId, projectId), isNull(stories.deletedAt), storyFilter));
  for (const { row, assignee } of storyRows) items.push({ ...common(row, prefix), type: 'story', priority: row.priority, estimate: row.estimate, assignee, sprintId: row.sprintId });
  if (!where.numbers) return items;
  const taskRows = await db
    .select({ row: tasks, assignee: users.name })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.projectId, projectId), isNull(tasks.deletedAt), inArray(tasks.number, where.numbers)));
  for (const { row, assignee } of taskRows) items.push({ ...common(row, prefix), type: 'task', priority: null, estimate: row.estimate, assignee, sprintId: null });
  const epicRows = await db
    .select()
    .from(epics)
    .where(and(eq(epics.projectId, projectId), isNull(epics.deletedAt), inArray(epics.number, where.numbers)));
  for (const row of epicRows) items.push({ ...common(row, prefix), type: 'epic', priority: null, estimate: null, assignee: null, sprintId: null });
  return items;
}

function common(row: { id: string; number: number; title: string; description: string; status: string; updatedAt: Date }, prefix: string) {
  return { id: row.id, key: `${prefix}-${row.number}`, title: row.title, description: row.description, status: row.status, updatedAt: row.updatedAt };
}

/** The facts line and description the model sees for an item. */
export function itemText(item: ChatItem): string {
  const facts = [
    `${item.key} (${item.type}) status ${item.status}`,
    item.priority ? `priority ${item.priority}` : null,
    item.estimate !== null ? `estimate ${item.estimate}` : null,
    item.type !== 'epic' ? `assignee ${item.assignee ?? 'none'}` : null,
  ].filter(Boolean);
  return item.description.trim() ? `${facts.join(', ')}\n${item.description}` : facts.join(', ');
}
