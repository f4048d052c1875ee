import { and, asc, eq, epics, ilike, isNull, projects, sql, stories, storyStatus, tasks, users, type SQL } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { Context } from '../trpc/context';
import { itemKey } from '../work-items/kinds';
import type { BoardQuery } from './board.schemas';

export type StoryStatus = (typeof storyStatus.enumValues)[number];

/** A story as the board shows it; its assignee and epic are in the board's `assignees` and `epics`. */
export interface BoardCard {
  id: string;
  key: string;
  title: string;
  status: StoryStatus;
  position: string;
  priority: 'low' | 'medium' | 'high' | 'critical';
  estimate: number | null;
  confidence: number | null;
  labels: string[];
  epicId: string | null;
  sprintId: string | null;
  assigneeId: string | null;
  version: number;
  tasks: { total: number; done: number };
  criteria: { total: number; done: number };
}

export interface BoardAssignee {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface BoardEpic {
  id: string;
  title: string;
  color: string;
}

/**
 * One project's board: a column per story status with its live stories in position order, column
 * and board totals (story count, estimate points), and once each the assignees and epics the cards
 * name (an epic is left out while deleted). Cards carry counts, not contents: task and acceptance
 * criteria totals are computed in SQL, so a 1,200-card board stays a small answer. Two statements
 * whatever the board size, sent together: the project, and the stories with their joins.
 */
export async function getBoard({ ctx, input }: { ctx: Pick<Context, 'db'>; input: BoardQuery & { projectId: string } }) {
  const taskCounts = ctx.db
    .select({
      storyId: tasks.storyId,
      total: sql<number>`count(*)::int`.as('total'),
      done: sql<number>`(count(*) filter (where ${tasks.status} = 'done'))::int`.as('done'),
    })
    .from(tasks)
    .where(and(eq(tasks.projectId, input.projectId), isNull(tasks.deletedAt)))
    .groupBy(tasks.storyId)
    .as('task_counts');

  const filters: (SQL | undefined)[] = [eq(stories.projectId, input.projectId), isNull(stories.deletedAt)];
  if (input.sprintId) filters.push(eq(stories.sprintId, input.sprintId));
  if (input.assigneeId) filters.push(eq(stories.assigneeId, input.assigneeId));
  if (input.epicId) filters.push(eq(stories.epicId, input.epicId));
  if (input.label) filters.push(sql`${stories.labels} @> array[${input.label}]::text[]`);
  if (input.q) filters.push(ilike(stories.title, `%${input.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`));

  // Both statements go out at once (two pooled connections on PostgreSQL): one round trip of latency.
  const [[project], rows] = await Promise.all([
    ctx.db.select({ id: projects.id, keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, input.projectId)),
    // A flat selection: nested objects cost Drizzle noticeably more per row on large boards.
    ctx.db
      .select({
        id: stories.id,
        number: stories.number,
        title: stories.title,
        status: stories.status,
        position: stories.position,
        priority: stories.priority,
        estimate: stories.estimate,
        confidence: stories.confidence,
        labels: stories.labels,
        epicId: stories.epicId,
        sprintId: stories.sprintId,
        assigneeId: stories.assigneeId,
        version: stories.version,
        assigneeName: users.name,
        assigneeAvatarUrl: users.avatarUrl,
        epicTitle: epics.title,
        epicColor: epics.color,
        taskTotal: taskCounts.total,
        taskDone: taskCounts.done,
        criteriaTotal: sql<number>`jsonb_array_length(${stories.acceptanceCriteria})`,
        criteriaDone: sql<number>`(select count(*)::int from jsonb_array_elements(${stories.acceptanceCriteria}) as criterion where criterion->>'done' = 'true')`,
      })
      .from(stories)
      .leftJoin(users, eq(users.id, stories.assigneeId))
      .leftJoin(epics, and(eq(epics.id, stories.epicId), isNull(epics.deletedAt)))
      .leftJoin(taskCounts, eq(taskCounts.storyId, stories.id))
      .where(and(...filters))
      .orderBy(asc(stories.position), asc(stories.id)),
  ]);
  if (!project) throw new NotFoundError('Project');

  const columns = storyStatus.enumValues.map((status) => ({ status, count: 0, points: 0, stories: [] as BoardCard[] }));
  const byStatus = new Map(columns.map((column) => [column.status, column]));
  const assignees = new Map<string, BoardAssignee>();
  const boardEpics = new Map<string, BoardEpic>();
  for (const row of rows) {
    if (row.assigneeId && row.assigneeName !== null && !assignees.has(row.assigneeId)) {
      assignees.set(row.assigneeId, { id: row.assigneeId, name: row.assigneeName, avatarUrl: row.assigneeAvatarUrl });
    }
    const epicVisible = row.epicId !== null && row.epicTitle !== null;
    if (epicVisible && !boardEpics.has(row.epicId!)) boardEpics.set(row.epicId!, { id: row.epicId!, title: row.epicTitle!, color: row.epicColor! });
    const column = byStatus.get(row.status)!;
    column.stories.push({
      id: row.id,
      key: itemKey(project.keyPrefix, row.number),
      title: row.title,
      status: row.status,
      position: row.position,
      priority: row.priority,
      estimate: row.estimate,
      confidence: row.confidence,
      labels: row.labels,
      epicId: row.epicId,
      sprintId: row.sprintId,
      assigneeId: row.assigneeId,
      version: row.version,
      tasks: { total: row.taskTotal ?? 0, done: row.taskDone ?? 0 },
      criteria: { total: row.criteriaTotal, done: row.criteriaDone },
    });
    column.count += 1;
    column.points += row.estimate ?? 0;
  }
  return {
    project,
    columns,
    assignees: [...assignees.values()],
    epics: [...boardEpics.values()],
    totals: { count: rows.length, points: columns.reduce((sum, column) => sum + column.points, 0) },
  };
}
