import { and, asc, eq, epics, ilike, isNull, projects, sql, stories, storyStatus, tasks, users, type SQL } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { Context } from '../trpc/context';
import { itemKey } from '../work-items/kinds';
import type { BoardQuery } from './board.schemas';

export type StoryStatus = (typeof storyStatus.enumValues)[number];

/**
 * One project's board: a column per story status with its live stories in position order, each
 * with its assignee, epic (hidden while the epic is deleted) and task counts, plus column and
 * board totals (story count, estimate points). Two queries whatever the board size, sent together:
 * the project, and the stories joined with users, epics and a per-story task aggregate.
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
        acceptanceCriteria: stories.acceptanceCriteria,
        epicId: stories.epicId,
        sprintId: stories.sprintId,
        assigneeId: stories.assigneeId,
        version: stories.version,
        updatedAt: stories.updatedAt,
        assignee: { id: users.id, name: users.name, avatarUrl: users.avatarUrl },
        epic: { id: epics.id, title: epics.title, color: epics.color },
        taskTotal: taskCounts.total,
        taskDone: taskCounts.done,
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
  for (const { acceptanceCriteria, taskTotal, taskDone, ...row } of rows) {
    const column = byStatus.get(row.status)!;
    column.stories.push({
      ...row,
      key: itemKey(project.keyPrefix, row.number),
      tasks: { total: taskTotal ?? 0, done: taskDone ?? 0 },
      criteria: { total: acceptanceCriteria.length, done: acceptanceCriteria.filter((criterion) => criterion.done).length },
    });
    column.count += 1;
    column.points += row.estimate ?? 0;
  }
  return {
    project,
    columns,
    totals: { count: rows.length, points: columns.reduce((sum, column) => sum + column.points, 0) },
  };
}

export interface BoardCard {
  id: string;
  key: string;
  number: number;
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
  updatedAt: Date;
  assignee: { id: string; name: string; avatarUrl: string | null } | null;
  epic: { id: string; title: string; color: string } | null;
  tasks: { total: number; done: number };
  criteria: { total: number; done: number };
}
