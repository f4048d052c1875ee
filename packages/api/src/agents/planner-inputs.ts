import type { PlannerStory } from '@devmentor/ai';
import { and, asc, dependencies, desc, eq, inArray, isNotNull, isNull, notInArray, projects, sprintItems, sprints, stories, sum } from '@devmentor/db';
import { asBlockingEdge } from '../dependencies/dependency-graph';
import { resolveItems } from '../dependencies/work-item-refs';
import type { DbOrTx } from '../events/project-events';
import type { Sprint } from '../sprints/sprints.queries';

/** Stories already in the sprint, backlog candidates with their open blockers, and recent velocity. */
export async function loadPlannerInputs(db: DbOrTx, projectId: string, sprint: Sprint) {
  const [project] = await db.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, projectId));
  const keyPrefix = project?.keyPrefix ?? '';
  const live = and(eq(stories.projectId, projectId), isNull(stories.deletedAt));
  const committed = await db
    .select({ id: stories.id, estimate: stories.estimate, assigneeId: stories.assigneeId })
    .from(stories)
    .where(and(live, eq(stories.sprintId, sprint.id)));
  const open = await db
    .select()
    .from(stories)
    .where(and(live, isNull(stories.sprintId), notInArray(stories.status, ['done'])))
    .orderBy(asc(stories.number))
    .limit(500);

  const links = await db.select().from(dependencies).where(eq(dependencies.projectId, projectId));
  const edges = links.map(asBlockingEdge);
  const blockers = await resolveItems(db, projectId, [...new Set(edges.map((edge) => edge.blocker))]);
  const openBlockers = new Map<string, string[]>();
  for (const edge of edges) {
    if (!blockers.get(edge.blocker) || blockers.get(edge.blocker)!.done) continue;
    openBlockers.set(edge.blocked, [...(openBlockers.get(edge.blocked) ?? []), edge.blocker]);
  }
  const candidates: PlannerStory[] = open.map((story) => ({
    id: story.id,
    key: `${keyPrefix}-${story.number}`,
    title: story.title,
    estimate: story.estimate,
    priority: story.priority,
    assigneeId: story.assigneeId,
    epicId: story.epicId,
    blockedBy: openBlockers.get(story.id) ?? [],
  }));
  return { committed, candidates, velocity: await recentVelocity(db, projectId), keyPrefix };
}

/** Average points completed in the last three completed sprints, or null without history. */
export async function recentVelocity(db: DbOrTx, projectId: string, count = 3): Promise<number | null> {
  const recent = await db
    .select({ id: sprints.id })
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'completed')))
    .orderBy(desc(sprints.completedAt))
    .limit(count);
  if (recent.length === 0) return null;
  const [row] = await db
    .select({ points: sum(sprintItems.finalEstimate) })
    .from(sprintItems)
    .where(and(inArray(sprintItems.sprintId, recent.map((sprint) => sprint.id)), isNotNull(sprintItems.completedAt)));
  return Number(row?.points ?? 0) / recent.length;
}
