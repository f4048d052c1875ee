import { z } from 'zod';

const DAY = 86_400_000;

export const AnalystStory = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  estimate: z.number().nullable(),
  assigneeId: z.string().nullable(),
  sprintId: z.string().nullable(),
  updatedAt: z.string(),
  /** When the oldest link to a still unfinished blocker was made; null when nothing blocks it. */
  blockedSince: z.string().nullable(),
});
export type AnalystStory = z.infer<typeof AnalystStory>;

export const AnalystInput = z.object({
  now: z.string(),
  /** Completed sprints, oldest first, with the points they completed. */
  completedSprints: z.array(z.object({ id: z.string(), name: z.string(), completedPoints: z.number() })),
  activeSprint: z
    .object({
      id: z.string(),
      name: z.string(),
      endDate: z.string().nullable(),
      capacity: z.record(z.string(), z.number()),
      /** Points planned at start and points added after it started. */
      pointsAtStart: z.number(),
      pointsAddedAfterStart: z.number(),
    })
    .nullable(),
  /** Unfinished stories of the project. */
  stories: z.array(AnalystStory),
  memberNames: z.record(z.string(), z.string()),
});
export type AnalystInput = z.infer<typeof AnalystInput>;

export const Insight = z.object({
  type: z.enum(['velocity_trend', 'blocked', 'stale', 'scope_creep', 'overdue_sprint', 'overloaded', 'unassigned_priority']),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  explanation: z.string(),
  entities: z.array(z.object({ type: z.string(), id: z.string(), key: z.string().optional() })),
  /** Same finding on a re-run -> same key, so it is stored once. */
  dedupeKey: z.string(),
});
export type Insight = z.infer<typeof Insight>;

export const ANALYST_THRESHOLDS = { blockedDays: 3, staleDays: 5, velocityDrop: 0.2, scopeCreepCritical: 0.25 } as const;

/**
 * The project analyst's rules: plain, deterministic code over a snapshot of the project. Every
 * insight links the entities it rests on. The model (when remote) may only reword explanations.
 */
export function analyzeProject(raw: AnalystInput): Insight[] {
  const input = AnalystInput.parse(raw);
  const now = Date.parse(input.now);
  const out: Insight[] = [];
  const storyRef = (story: AnalystStory) => ({ type: 'story', id: story.id, key: story.key });
  const days = (iso: string) => Math.floor((now - Date.parse(iso)) / DAY);

  const done = input.completedSprints;
  if (done.length >= 2) {
    const last = done[done.length - 1]!;
    const earlier = done.slice(-4, -1);
    const mean = earlier.reduce((sum, sprint) => sum + sprint.completedPoints, 0) / earlier.length;
    if (mean > 0 && last.completedPoints < mean * (1 - ANALYST_THRESHOLDS.velocityDrop)) {
      out.push({
        type: 'velocity_trend',
        severity: 'warning',
        title: `Velocity fell to ${last.completedPoints} points in ${last.name}`,
        explanation: `${last.name} completed ${last.completedPoints} points against an average of ${round(mean)} over the ${earlier.length} sprint(s) before it (${earlier.map((sprint) => `${sprint.name}: ${sprint.completedPoints}`).join(', ')}).`,
        entities: [last, ...earlier].map((sprint) => ({ type: 'sprint', id: sprint.id })),
        dedupeKey: `velocity:${last.id}`,
      });
    }
  }

  for (const story of input.stories) {
    if (story.blockedSince && days(story.blockedSince) > ANALYST_THRESHOLDS.blockedDays) {
      out.push({
        type: 'blocked',
        severity: story.priority === 'critical' ? 'critical' : 'warning',
        title: `${story.key} blocked for ${days(story.blockedSince)} days`,
        explanation: `${story.key} "${story.title}" (${story.priority}) has waited on unfinished work since ${story.blockedSince.slice(0, 10)}.`,
        entities: [storyRef(story)],
        dedupeKey: `blocked:${story.id}:${story.blockedSince.slice(0, 10)}`,
      });
    }
    if ((story.status === 'in_progress' || story.status === 'review') && days(story.updatedAt) > ANALYST_THRESHOLDS.staleDays) {
      out.push({
        type: 'stale',
        severity: 'warning',
        title: `${story.key} has not moved for ${days(story.updatedAt)} days`,
        explanation: `${story.key} "${story.title}" is ${story.status.replace('_', ' ')} and was last changed on ${story.updatedAt.slice(0, 10)}.`,
        entities: [storyRef(story)],
        dedupeKey: `stale:${story.id}:${story.updatedAt.slice(0, 10)}`,
      });
    }
    if ((story.priority === 'high' || story.priority === 'critical') && story.assigneeId === null) {
      out.push({
        type: 'unassigned_priority',
        severity: story.priority === 'critical' ? 'warning' : 'info',
        title: `${story.key} (${story.priority}) has no assignee`,
        explanation: `${story.key} "${story.title}" is ${story.priority} priority and nobody is assigned to it.`,
        entities: [storyRef(story)],
        dedupeKey: `unassigned:${story.id}`,
      });
    }
  }

  const sprint = input.activeSprint;
  if (sprint) {
    const sprintRef = { type: 'sprint', id: sprint.id };
    if (sprint.pointsAddedAfterStart > 0) {
      const share = sprint.pointsAtStart > 0 ? sprint.pointsAddedAfterStart / sprint.pointsAtStart : 1;
      const severity = share > ANALYST_THRESHOLDS.scopeCreepCritical ? 'critical' : 'warning';
      out.push({
        type: 'scope_creep',
        severity,
        title: `${sprint.pointsAddedAfterStart} points added to ${sprint.name} after it started`,
        explanation: `${sprint.name} started with ${sprint.pointsAtStart} points; ${sprint.pointsAddedAfterStart} more were added since (${Math.round(share * 100)}%).`,
        entities: [sprintRef],
        dedupeKey: `scope:${sprint.id}:${severity}`,
      });
    }
    if (sprint.endDate && Date.parse(`${sprint.endDate}T23:59:59Z`) < now) {
      const open = input.stories.filter((story) => story.sprintId === sprint.id);
      out.push({
        type: 'overdue_sprint',
        severity: 'critical',
        title: `${sprint.name} is past its end date`,
        explanation: `${sprint.name} ended on ${sprint.endDate} and still has ${open.length} unfinished stories.`,
        entities: [sprintRef, ...open.map(storyRef)],
        dedupeKey: `overdue:${sprint.id}`,
      });
    }
    const load = new Map<string, AnalystStory[]>();
    for (const story of input.stories) if (story.sprintId === sprint.id && story.assigneeId) load.set(story.assigneeId, [...(load.get(story.assigneeId) ?? []), story]);
    for (const [userId, stories] of [...load].sort(([a], [b]) => a.localeCompare(b))) {
      const points = stories.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
      const capacity = sprint.capacity[userId];
      if (capacity === undefined || points <= capacity) continue;
      const name = input.memberNames[userId] ?? 'A member';
      out.push({
        type: 'overloaded',
        severity: points > capacity * 1.5 ? 'critical' : 'warning',
        title: `${name} has ${points} points against a capacity of ${capacity}`,
        explanation: `In ${sprint.name}, ${name} is assigned ${stories.map((story) => story.key).join(', ')} (${points} points) with a capacity of ${capacity}.`,
        entities: [{ type: 'user', id: userId }, sprintRef, ...stories.map(storyRef)],
        dedupeKey: `overload:${sprint.id}:${userId}:${points}`,
      });
    }
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
