import { epicStatus, epics, stories, storyStatus, tasks, taskStatus, type AnyColumn } from '@devmentor/db';

export type ItemKind = 'epic' | 'story' | 'task';

interface ItemRows {
  epic: typeof epics.$inferSelect;
  story: typeof stories.$inferSelect;
  task: typeof tasks.$inferSelect;
}
export type ItemRow<K extends ItemKind = ItemKind> = ItemRows[K];

/** What every work-item procedure returns: the row plus its kind and its user-facing key (`DM-42`). */
export type WorkItem<K extends ItemKind = ItemKind> = ItemRows[K] & { kind: K; key: string };

/**
 * The shared services query all three tables through the columns they have in common; `epics` has
 * exactly those (plus `color`), so it stands in for "any item table" in their types.
 */
export type ItemTable = typeof epics;
export type ItemStatus = ItemRow<'epic'>['status'];

export interface ChildLink {
  table: ItemTable;
  /** The child's column that points at the parent. */
  column: AnyColumn;
}

/** Everything that differs between epics, stories and tasks in the shared create/move/delete code. */
export interface KindConfig<K extends ItemKind = ItemKind> {
  kind: K;
  /** Name used in errors and event entity types. */
  name: 'Epic' | 'Story' | 'Task';
  table: ItemTable;
  statuses: readonly string[];
  defaultStatus: string;
  /** Entering any status outside these means work starts, which a blocker forbids. */
  notStarted: readonly string[];
  /** The parent a move may change: a story's epic, a task's story. */
  parent: { field: 'epicId' | 'storyId'; kind: ItemKind } | null;
  /** Items that must be done before this one can be done. */
  children: ChildLink | null;
  /** Items soft-deleted (and restored) together with this one; epics keep their stories. */
  cascade: ChildLink | null;
}

const storyTable = stories as unknown as ItemTable;
const taskTable = tasks as unknown as ItemTable;

export const KINDS: { [K in ItemKind]: KindConfig<K> } = {
  epic: {
    kind: 'epic',
    name: 'Epic',
    table: epics,
    statuses: epicStatus.enumValues,
    defaultStatus: 'open',
    notStarted: ['open'],
    parent: null,
    children: { table: storyTable, column: stories.epicId },
    cascade: null,
  },
  story: {
    kind: 'story',
    name: 'Story',
    table: storyTable,
    statuses: storyStatus.enumValues,
    defaultStatus: 'backlog',
    notStarted: ['backlog', 'ready'],
    parent: { field: 'epicId', kind: 'epic' },
    children: { table: taskTable, column: tasks.storyId },
    cascade: { table: taskTable, column: tasks.storyId },
  },
  task: {
    kind: 'task',
    name: 'Task',
    table: taskTable,
    statuses: taskStatus.enumValues,
    defaultStatus: 'todo',
    notStarted: ['todo'],
    parent: { field: 'storyId', kind: 'story' },
    children: { table: taskTable, column: tasks.parentTaskId },
    cascade: { table: taskTable, column: tasks.parentTaskId },
  },
};

/** Status strings are validated per kind by zod; the shared code types them as the stand-in enum. */
export function asStatus(status: string): ItemStatus {
  return status as ItemStatus;
}

export function itemKey(keyPrefix: string, number: number): string {
  return `${keyPrefix}-${number}`;
}

/** `DM-42` (any case, surrounding spaces ignored) as its upper-cased prefix and number, or null. */
export function parseItemKey(key: string): { prefix: string; number: number } | null {
  const match = /^([A-Za-z][A-Za-z0-9]*)-(\d{1,9})$/.exec(key.trim());
  return match ? { prefix: match[1]!.toUpperCase(), number: Number(match[2]) } : null;
}
