import { z } from 'zod';
import { countOf } from '../text/count';

export const PRIORITY_WEIGHT = { low: 1, medium: 2, high: 4, critical: 8 } as const;

export const PlannerStory = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  estimate: z.number().int().min(0).nullable(),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  assigneeId: z.string().nullable(),
  epicId: z.string().nullable(),
  /** Ids of the unfinished items that block this story (any type). */
  blockedBy: z.array(z.string()),
});
export type PlannerStory = z.infer<typeof PlannerStory>;

export const PlannerInput = z.object({
  /** Story points per member, from the sprint. */
  capacity: z.record(z.string(), z.number().min(0)),
  /** Stories already in the sprint: they use capacity and satisfy what they block. */
  committed: z.array(z.object({ id: z.string(), estimate: z.number().int().min(0).nullable(), assigneeId: z.string().nullable() })),
  candidates: z.array(PlannerStory),
  /** Average completed points of recent sprints; used when the sprint sets no capacity. */
  velocity: z.number().min(0).nullable(),
  preferences: z
    .object({ focusEpicIds: z.array(z.string()).max(50).optional(), maxPoints: z.number().int().min(0).optional() })
    .optional(),
  /** Search nodes before settling for the best plan found (then `exact` is false). */
  nodeLimit: z.number().int().min(1).optional(),
});
export type PlannerInput = z.infer<typeof PlannerInput>;

export const PlanResult = z.object({
  selected: z.array(z.string()),
  points: z.number(),
  value: z.number(),
  capacity: z.number(),
  committedPoints: z.number(),
  exact: z.boolean(),
  nodes: z.number(),
  skipped: z.array(z.object({ id: z.string(), reason: z.enum(['unestimated', 'blocked', 'capacity']) })),
});
export type PlanResult = z.infer<typeof PlanResult>;

/** What a story is worth to the plan: priority weight × points, doubled for a focus epic. */
export function storyValue(story: PlannerStory, focus: ReadonlySet<string>): number {
  const weight = PRIORITY_WEIGHT[story.priority] * (story.epicId && focus.has(story.epicId) ? 2 : 1);
  return weight * Math.max(story.estimate ?? 0, 1);
}

/** The points the sprint can hold: member capacities, else velocity, capped by `maxPoints`. */
export function sprintCapacity(input: PlannerInput): number {
  const members = Object.values(input.capacity).reduce((sum, points) => sum + points, 0);
  const total = members > 0 ? members : (input.velocity ?? 0);
  return input.preferences?.maxPoints !== undefined ? Math.min(total, input.preferences.maxPoints) : total;
}

interface Node {
  story: PlannerStory;
  value: number;
  size: number;
  /** Indices (in topological order) of candidate stories that must be selected first. */
  needs: number[];
}

/**
 * Chooses stories for a sprint: maximum total value within the sprint's capacity and each
 * assignee's own capacity, never a story without everything that blocks it (a blocker must be
 * done, already in the sprint, or selected too). Exact branch and bound over the stories in
 * dependency order (fractional-knapsack upper bound); beyond `nodeLimit` it keeps the best plan
 * found and says `exact: false`. Deterministic: ties break on the story key.
 */
export function planSprint(raw: PlannerInput): PlanResult {
  const input = PlannerInput.parse(raw);
  const focus = new Set(input.preferences?.focusEpicIds ?? []);
  const committedIds = new Set(input.committed.map((story) => story.id));
  const committedPoints = input.committed.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
  const capacity = sprintCapacity(input);
  const skipped: PlanResult['skipped'] = [];

  // Eligible: estimated, and every blocker is already in the sprint or an eligible candidate.
  const byId = new Map(input.candidates.filter((story) => !committedIds.has(story.id)).map((story) => [story.id, story]));
  for (const story of [...byId.values()]) if (story.estimate === null) byId.delete(story.id);
  let changed = true;
  while (changed) {
    changed = false;
    for (const story of [...byId.values()]) {
      if (story.blockedBy.some((id) => !committedIds.has(id) && !byId.has(id))) {
        byId.delete(story.id);
        changed = true;
      }
    }
  }
  for (const story of [...input.candidates].sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }))) {
    if (committedIds.has(story.id) || byId.has(story.id)) continue;
    skipped.push({ id: story.id, reason: story.estimate === null ? 'unestimated' : 'blocked' });
  }

  const order = topological([...byId.values()], (story) => story.blockedBy.filter((id) => byId.has(id)));
  const index = new Map(order.map((story, i) => [story.id, i]));
  const nodes: Node[] = order.map((story) => ({
    story,
    value: storyValue(story, focus),
    size: story.estimate ?? 0,
    needs: story.blockedBy.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])),
  }));
  const memberLoad = new Map<string, number>();
  for (const story of input.committed) if (story.assigneeId) memberLoad.set(story.assigneeId, (memberLoad.get(story.assigneeId) ?? 0) + (story.estimate ?? 0));
  const byDensity = nodes.map((_, i) => i).sort((a, b) => nodes[b]!.value / Math.max(nodes[b]!.size, 1e-9) - nodes[a]!.value / Math.max(nodes[a]!.size, 1e-9) || a - b);

  const limit = input.nodeLimit ?? 2_000_000;
  const chosen = new Array<boolean>(nodes.length).fill(false);
  let best: number[] = [];
  let bestValue = -1;
  let visited = 0;
  let exact = true;
  const room = capacity - committedPoints;

  const bound = (from: number, free: number): number => {
    let total = 0;
    for (const i of byDensity) {
      if (i < from) continue;
      const node = nodes[i]!;
      if (node.size <= free) {
        free -= node.size;
        total += node.value;
      } else {
        total += (node.value * free) / node.size;
        break;
      }
    }
    return total;
  };
  const search = (i: number, free: number, value: number): void => {
    visited++;
    if (value > bestValue) {
      bestValue = value;
      best = chosen.flatMap((on, j) => (on ? [j] : []));
    }
    if (i === nodes.length) return;
    if (visited >= limit) {
      exact = false;
      return;
    }
    if (value + bound(i, free) <= bestValue) return;
    const node = nodes[i]!;
    const assignee = node.story.assigneeId;
    const own = assignee !== null ? input.capacity[assignee] : undefined;
    const load = assignee !== null ? (memberLoad.get(assignee) ?? 0) : 0;
    const fits = node.size <= free && (own === undefined || load + node.size <= own) && node.needs.every((j) => chosen[j]);
    if (fits) {
      chosen[i] = true;
      if (assignee !== null) memberLoad.set(assignee, load + node.size);
      search(i + 1, free - node.size, value + node.value);
      if (assignee !== null) memberLoad.set(assignee, load);
      chosen[i] = false;
    }
    search(i + 1, free, value);
  };
  if (room >= 0) search(0, room, 0);

  const selectedSet = new Set(best);
  for (const [i, node] of nodes.entries()) if (!selectedSet.has(i)) skipped.push({ id: node.story.id, reason: 'capacity' });
  const selected = best.map((i) => nodes[i]!);
  return {
    selected: selected.map((node) => node.story.id),
    points: selected.reduce((sum, node) => sum + node.size, 0),
    value: Math.max(bestValue, 0),
    capacity,
    committedPoints,
    exact,
    nodes: visited,
    skipped,
  };
}

/** Kahn's algorithm, ties broken by key so the order is the same on every run. */
function topological(stories: PlannerStory[], blockers: (story: PlannerStory) => string[]): PlannerStory[] {
  const byKey = (a: PlannerStory, b: PlannerStory) => a.key.localeCompare(b.key, undefined, { numeric: true });
  const pending = new Map(stories.map((story) => [story.id, new Set(blockers(story))]));
  const out: PlannerStory[] = [];
  while (pending.size > 0) {
    const ready = stories.filter((story) => pending.get(story.id)?.size === 0).sort(byKey);
    // A cycle cannot be planned at all (the dependency service refuses them; be safe anyway).
    if (ready.length === 0) break;
    for (const story of ready) {
      out.push(story);
      pending.delete(story.id);
      for (const set of pending.values()) set.delete(story.id);
    }
  }
  return out;
}

/** The offline explanation of a plan: templated, with the numbers that justify it. */
export function planExplanation(result: PlanResult, stories: Map<string, { key: string; title: string; priority: string; estimate: number | null }>): string {
  const line = (id: string) => {
    const story = stories.get(id);
    return story ? `${story.key} ${story.title} (${story.priority}, ${story.estimate ?? '?'} pts)` : id;
  };
  const lines = [
    `Selected ${countOf(result.selected.length, 'story', 'stories')} for ${countOf(result.points, 'point')}; capacity ${countOf(result.capacity, 'point')}, ${result.committedPoints} already committed.`,
    `The selection maximises priority-weighted points${result.exact ? ' (optimal)' : ' (best found within the search limit)'} and never takes a story before what blocks it.`,
    ...result.selected.map((id) => `- ${line(id)}`),
  ];
  const blocked = result.skipped.filter((skip) => skip.reason === 'blocked').map((skip) => line(skip.id));
  const unestimated = result.skipped.filter((skip) => skip.reason === 'unestimated').map((skip) => line(skip.id));
  if (blocked.length > 0) lines.push(`Left out, blocked by unfinished work outside the plan: ${blocked.join('; ')}.`);
  if (unestimated.length > 0) lines.push(`Left out, not estimated: ${unestimated.join('; ')}.`);
  return lines.join('\n');
}
