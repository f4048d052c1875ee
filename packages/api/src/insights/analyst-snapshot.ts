import type { AnalystInput, AnalystStory } from '@devmentor/ai';
import { and, asc, dependencies, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, projectMembers, projects, sprintItems, sprints, stories, sum, users } from '@devmentor/db';
import { asBlockingEdge } from '../dependencies/dependency-graph';
import { resolveItems } from '../dependencies/work-item-refs';
import type { DbOrTx } from '../events/project-events';

/** The facts the analyst's rules read, as plain data. */
export async function loadAnalystInput(db: DbOrTx, projectId: string, now: Date): Promise<AnalystInput> {
  const [project] = await db.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, projectId));
  const prefix = project?.keyPrefix ?? '';

  const recent = await db
    .select({ id: sprints.id, name: sprints.name })
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'completed')))
    .orderBy(desc(sprints.completedAt))
    .limit(4);
  const completedSprints = [];
  for (const sprint of recent.reverse()) {
    const [row] = await db
      .select({ points: sum(sprintItems.finalEstimate) })
      .from(sprintItems)
      .where(and(eq(sprintItems.sprintId, sprint.id), isNotNull(sprintItems.completedAt)));
    completedSprints.push({ ...sprint, completedPoints: Number(row?.points ?? 0) });
  }

  const [active] = await db.select().from(sprints).where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'active')));
  let activeSprint: AnalystInput['activeSprint'] = null;
  if (active) {
    const startedAt = active.startedAt ?? active.createdAt;
    const points = async (after: boolean) => {
      const [row] = await db
        .select({ points: sum(sprintItems.originalEstimate) })
        .from(sprintItems)
        .where(and(eq(sprintItems.sprintId, active.id), isNull(sprintItems.removedAt), after ? gt(sprintItems.addedAt, startedAt) : lte(sprintItems.addedAt, startedAt)));
      return Number(row?.points ?? 0);
    };
    activeSprint = { id: active.id, name: active.name, endDate: active.endDate, capacity: active.capacity, pointsAtStart: await points(false), pointsAddedAfterStart: await points(true) };
  }

  const open = await db
    .select()
    .from(stories)
    .where(and(eq(stories.projectId, projectId), isNull(stories.deletedAt), ne(stories.status, 'done')))
    .orderBy(asc(stories.number))
    .limit(2000);
  const links = await db.select().from(dependencies).where(eq(dependencies.projectId, projectId));
  const blockers = await resolveItems(db, projectId, [...new Set(links.map((link) => asBlockingEdge(link).blocker))]);
  const blockedSince = new Map<string, Date>();
  for (const link of links) {
    const edge = asBlockingEdge(link);
    const blocker = blockers.get(edge.blocker);
    if (!blocker || blocker.done) continue;
    const since = blockedSince.get(edge.blocked);
    if (!since || link.createdAt < since) blockedSince.set(edge.blocked, link.createdAt);
  }
  const storyRows: AnalystStory[] = open.map((story) => ({
    id: story.id,
    key: `${prefix}-${story.number}`,
    title: story.title,
    status: story.status,
    priority: story.priority,
    estimate: story.estimate,
    assigneeId: story.assigneeId,
    sprintId: story.sprintId,
    updatedAt: story.updatedAt.toISOString(),
    blockedSince: blockedSince.get(story.id)?.toISOString() ?? null,
  }));

  const members = await db
    .select({ id: users.id, name: users.name })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId));
  return { now: now.toISOString(), completedSprints, activeSprint, stories: storyRows, memberNames: Object.fromEntries(members.map((member) => [member.id, member.name])) };
}

/** Admins and owners of the project: who hears about critical insights. */
export async function projectAdmins(db: DbOrTx, projectId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), inArray(projectMembers.role, ['owner', 'admin'])));
  return rows.map((row) => row.userId);
}
