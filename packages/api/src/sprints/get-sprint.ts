import { and, asc, eq, isNull, projectMembers, sprintItems, sprints, stories, users } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { keyPrefixOf, loadSprint, type Sprint } from './sprints.queries';

export interface SprintItem {
  id: string;
  key: string;
  title: string;
  status: 'backlog' | 'ready' | 'in_progress' | 'review' | 'done';
  priority: 'low' | 'medium' | 'high' | 'critical';
  estimate: number | null;
  assigneeId: string | null;
  epicId: string | null;
  position: string;
  version: number;
  originalEstimate: number | null;
  finalEstimate: number | null;
  addedAt: Date | null;
  completedAt: Date | null;
}

export interface SprintMemberLoad {
  userId: string;
  name: string;
  avatarUrl: string | null;
  role: 'owner' | 'admin' | 'member' | 'viewer';
  /** Points the member can take on in this sprint (0 when the capacity map omits them). */
  capacity: number;
  /** Points of the sprint's stories assigned to the member. */
  committed: number;
  overCapacity: boolean;
}

export interface SprintDetail extends Sprint {
  items: SprintItem[];
  members: SprintMemberLoad[];
  totals: { capacity: number; committed: number; completed: number; unassigned: number; unestimated: number };
}

/**
 * The sprint's stories: those planned in it now, or for a completed sprint the ones it held at
 * completion (from sprint_items, since unfinished stories have moved on).
 */
async function sprintItemsOf(db: DbOrTx, sprint: Sprint, keyPrefix: string): Promise<SprintItem[]> {
  const membership =
    sprint.status === 'completed'
      ? and(eq(sprintItems.sprintId, sprint.id), isNull(sprintItems.removedAt))
      : eq(stories.sprintId, sprint.id);
  const rows = await db
    .select({
      id: stories.id,
      number: stories.number,
      title: stories.title,
      status: stories.status,
      priority: stories.priority,
      estimate: stories.estimate,
      assigneeId: stories.assigneeId,
      epicId: stories.epicId,
      position: stories.position,
      version: stories.version,
      originalEstimate: sprintItems.originalEstimate,
      finalEstimate: sprintItems.finalEstimate,
      addedAt: sprintItems.addedAt,
      completedAt: sprintItems.completedAt,
    })
    .from(stories)
    .leftJoin(sprintItems, and(eq(sprintItems.sprintId, sprint.id), eq(sprintItems.storyId, stories.id)))
    .where(and(eq(stories.projectId, sprint.projectId), isNull(stories.deletedAt), membership))
    .orderBy(asc(stories.position), asc(stories.id));
  return rows.map(({ number, ...row }) => ({ ...row, key: `${keyPrefix}-${number}` }));
}

/** A sprint with its stories and, per member, capacity next to committed points (planning screen). */
export async function describeSprint(db: DbOrTx, sprint: Sprint): Promise<SprintDetail> {
  const keyPrefix = await keyPrefixOf(db, sprint.projectId);
  const [items, members] = await Promise.all([
    sprintItemsOf(db, sprint, keyPrefix),
    db
      .select({ userId: projectMembers.userId, role: projectMembers.role, name: users.name, avatarUrl: users.avatarUrl })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(eq(projectMembers.projectId, sprint.projectId))
      .orderBy(asc(users.name)),
  ]);
  const committedBy = new Map<string, number>();
  let committed = 0;
  let completed = 0;
  let unassigned = 0;
  let unestimated = 0;
  for (const item of items) {
    const points = item.estimate ?? 0;
    if (item.estimate === null) unestimated += 1;
    committed += points;
    if (item.status === 'done') completed += points;
    if (item.assigneeId) committedBy.set(item.assigneeId, (committedBy.get(item.assigneeId) ?? 0) + points);
    else unassigned += points;
  }
  const loads = members.map((member) => {
    const capacity = sprint.capacity[member.userId] ?? 0;
    const memberCommitted = committedBy.get(member.userId) ?? 0;
    return { ...member, capacity, committed: memberCommitted, overCapacity: memberCommitted > capacity };
  });
  const capacity = loads.reduce((sum, member) => sum + member.capacity, 0);
  return { ...sprint, items, members: loads, totals: { capacity, committed, completed, unassigned, unestimated } };
}

export async function getSprint({ ctx, input }: { ctx: { db: DbOrTx }; input: { projectId: string; id: string } }): Promise<SprintDetail> {
  return describeSprint(ctx.db, await loadSprint(ctx.db, input.projectId, input.id));
}

/** The project's active sprint with its detail, or null when none is running. */
export async function getActiveSprint({ ctx, input }: { ctx: { db: DbOrTx }; input: { projectId: string } }): Promise<SprintDetail | null> {
  const [sprint] = await ctx.db
    .select()
    .from(sprints)
    .where(and(eq(sprints.projectId, input.projectId), eq(sprints.status, 'active')));
  return sprint ? describeSprint(ctx.db, sprint) : null;
}
