import { describe, expect, it } from 'vitest';
import { planSprint, storyValue, type PlannerInput, type PlannerStory } from './sprint-planner';

/** Small deterministic PRNG (mulberry32) so every run checks the same cases. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

function randomCase(seed: number): PlannerInput {
  const rand = prng(seed);
  const n = 3 + Math.floor(rand() * 10);
  const members = ['u1', 'u2'];
  const candidates: PlannerStory[] = [];
  for (let i = 0; i < n; i++) {
    const blockedBy: string[] = [];
    // Edges only to earlier stories: no cycles; sometimes a blocker outside the candidates.
    for (let j = 0; j < i; j++) if (rand() < 0.2) blockedBy.push(`s${j}`);
    if (rand() < 0.08) blockedBy.push('outside');
    if (rand() < 0.1) blockedBy.push('c0');
    candidates.push({
      id: `s${i}`,
      key: `DM-${i + 1}`,
      title: `Story ${i}`,
      estimate: rand() < 0.08 ? null : Math.floor(rand() * 8),
      priority: PRIORITIES[Math.floor(rand() * 4)]!,
      assigneeId: rand() < 0.5 ? (members[Math.floor(rand() * 2)] ?? null) : null,
      epicId: rand() < 0.3 ? 'e1' : null,
      blockedBy,
    });
  }
  // Shuffle so input order is not the dependency order.
  candidates.sort(() => rand() - 0.5);
  return {
    capacity: { u1: Math.floor(rand() * 12), u2: Math.floor(rand() * 12) },
    committed: [{ id: 'c0', estimate: Math.floor(rand() * 4), assigneeId: 'u1' }],
    candidates,
    velocity: null,
    preferences: rand() < 0.5 ? { focusEpicIds: ['e1'] } : {},
  };
}

/** Every subset: the best feasible value, checking exactly the planner's rules. */
function bruteForce(input: PlannerInput): number {
  const focus = new Set(input.preferences?.focusEpicIds ?? []);
  const committed = new Set(input.committed.map((story) => story.id));
  const capacity = Object.values(input.capacity).reduce((a, b) => a + b, 0);
  const used = input.committed.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
  const stories = input.candidates;
  let best = 0;
  for (let mask = 0; mask < 1 << stories.length; mask++) {
    const chosen = stories.filter((_, i) => mask & (1 << i));
    const ids = new Set(chosen.map((story) => story.id));
    if (chosen.some((story) => story.estimate === null)) continue;
    if (chosen.some((story) => story.blockedBy.some((id) => !committed.has(id) && !ids.has(id)))) continue;
    const points = chosen.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
    if (used + points > capacity) continue;
    const load = new Map<string, number>();
    for (const story of input.committed) if (story.assigneeId) load.set(story.assigneeId, (load.get(story.assigneeId) ?? 0) + (story.estimate ?? 0));
    for (const story of chosen) if (story.assigneeId) load.set(story.assigneeId, (load.get(story.assigneeId) ?? 0) + (story.estimate ?? 0));
    if ([...load].some(([member, points]) => input.capacity[member] !== undefined && points > input.capacity[member]! && chosen.some((s) => s.assigneeId === member))) continue;
    const value = chosen.reduce((sum, story) => sum + storyValue(story, focus), 0);
    best = Math.max(best, value);
  }
  return best;
}

describe('sprint planner', () => {
  it('matches brute force on 300 random small cases, with no dependency violation', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomCase(seed);
      const plan = planSprint(input);
      expect(plan.exact).toBe(true);
      expect(plan.value, `seed ${seed}`).toBe(bruteForce(input));
      // Order: a story's blockers are done (committed) or selected before it.
      const placed = new Set(input.committed.map((story) => story.id));
      for (const id of plan.selected) {
        const story = input.candidates.find((candidate) => candidate.id === id)!;
        for (const blocker of story.blockedBy) expect(placed.has(blocker), `seed ${seed}: ${id} before ${blocker}`).toBe(true);
        placed.add(id);
      }
    }
  });

  it('is deterministic: the same input gives the same plan', () => {
    const input = randomCase(42);
    expect(planSprint(input)).toEqual(planSprint(structuredClone(input)));
  });

  it('reports unestimated and blocked stories, and falls back to velocity without capacities', () => {
    const plan = planSprint({
      capacity: {},
      committed: [],
      velocity: 5,
      candidates: [
        { id: 'a', key: 'DM-1', title: 'A', estimate: null, priority: 'high', assigneeId: null, epicId: null, blockedBy: [] },
        { id: 'b', key: 'DM-2', title: 'B', estimate: 2, priority: 'high', assigneeId: null, epicId: null, blockedBy: ['x'] },
        { id: 'c', key: 'DM-3', title: 'C', estimate: 5, priority: 'low', assigneeId: null, epicId: null, blockedBy: [] },
        { id: 'd', key: 'DM-4', title: 'D', estimate: 3, priority: 'critical', assigneeId: null, epicId: null, blockedBy: [] },
      ],
    });
    expect(plan).toMatchObject({ selected: ['d'], capacity: 5, exact: true });
    expect(plan.skipped).toEqual([
      { id: 'a', reason: 'unestimated' },
      { id: 'b', reason: 'blocked' },
      { id: 'c', reason: 'capacity' },
    ]);
  });

  it('stops at the node limit with the best plan found, saying it is not exact', () => {
    const candidates = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, key: `DM-${i}`, title: `S${i}`, estimate: 3 + (i % 5), priority: PRIORITIES[i % 4]!, assigneeId: null, epicId: null, blockedBy: [] }));
    const plan = planSprint({ capacity: { u: 40 }, committed: [], velocity: null, candidates, nodeLimit: 50 });
    expect(plan.exact).toBe(false);
    expect(plan.points).toBeLessThanOrEqual(40);
  });
});
