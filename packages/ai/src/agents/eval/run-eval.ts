import { analyzeProject } from '../project-analyst';
import { parseSpec, titleSimilarity } from '../spec-to-backlog';
import { planSprint, storyValue, type PlannerInput, type PlannerStory } from '../sprint-planner';
import { SAMPLE_BOARDS, SAMPLE_SPECS } from './samples';

/**
 * `pnpm eval`: runs the three agents' deterministic (offline) cores on sample specs and boards and
 * prints measurable scores. Not a test: the numbers are for tracking quality over time.
 */
function evalBacklog() {
  let features = 0;
  let covered = 0;
  let stories = 0;
  let withCriteria = 0;
  for (const spec of SAMPLE_SPECS) {
    const titles = parseSpec(spec.text).epics.flatMap((epic) => epic.stories);
    stories += titles.length;
    withCriteria += titles.filter((story) => story.acceptanceCriteria.length > 0).length;
    for (const feature of spec.features) {
      features++;
      if (titles.some((story) => story.title.toLowerCase().includes(feature) || titleSimilarity(story.title, feature) >= 0.5)) covered++;
    }
  }
  return { featureCoverage: covered / features, storiesWithAcceptanceCriteria: withCriteria / stories, stories };
}

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBoard(seed: number): PlannerInput {
  const rand = prng(seed);
  const n = 6 + Math.floor(rand() * 9);
  const priorities = ['low', 'medium', 'high', 'critical'] as const;
  const candidates: PlannerStory[] = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    key: `DM-${i + 1}`,
    title: `Story ${i}`,
    estimate: 1 + Math.floor(rand() * 8),
    priority: priorities[Math.floor(rand() * 4)]!,
    assigneeId: rand() < 0.5 ? 'u1' : null,
    epicId: null,
    blockedBy: Array.from({ length: i }, (_, j) => `s${j}`).filter(() => rand() < 0.15),
  }));
  return { capacity: { u1: 6 + Math.floor(rand() * 10), u2: 6 + Math.floor(rand() * 10) }, committed: [], candidates, velocity: null };
}

function bruteForce(input: PlannerInput): number {
  const capacity = Object.values(input.capacity).reduce((a, b) => a + b, 0);
  let best = 0;
  for (let mask = 0; mask < 1 << input.candidates.length; mask++) {
    const chosen = input.candidates.filter((_, i) => mask & (1 << i));
    const ids = new Set(chosen.map((story) => story.id));
    if (chosen.some((story) => story.blockedBy.some((id) => !ids.has(id)))) continue;
    if (chosen.reduce((sum, story) => sum + (story.estimate ?? 0), 0) > capacity) continue;
    const own = chosen.filter((story) => story.assigneeId === 'u1').reduce((sum, story) => sum + (story.estimate ?? 0), 0);
    if (own > input.capacity.u1!) continue;
    best = Math.max(best, chosen.reduce((sum, story) => sum + storyValue(story, new Set()), 0));
  }
  return best;
}

function evalPlanner(cases = 100) {
  let violations = 0;
  let ratioSum = 0;
  let worst = 1;
  for (let seed = 1; seed <= cases; seed++) {
    const input = randomBoard(seed);
    const plan = planSprint(input);
    const placed = new Set<string>();
    for (const id of plan.selected) {
      const story = input.candidates.find((candidate) => candidate.id === id)!;
      violations += story.blockedBy.filter((blocker) => !placed.has(blocker)).length;
      placed.add(id);
    }
    const optimum = bruteForce(input);
    const ratio = optimum === 0 ? 1 : plan.value / optimum;
    ratioSum += ratio;
    worst = Math.min(worst, ratio);
  }
  return { cases, dependencyViolations: violations, meanValueVsOptimum: ratioSum / cases, worstValueVsOptimum: worst };
}

function evalAnalyst() {
  const found = SAMPLE_BOARDS.flatMap((board) => analyzeProject(board.input).map((insight) => ({ board: board.name, ...insight })));
  return { insights: found.length, withLinkedEvidence: found.filter((insight) => insight.entities.length > 0).length / Math.max(found.length, 1), byBoard: Object.fromEntries(SAMPLE_BOARDS.map((board) => [board.name, found.filter((insight) => insight.board === board.name).map((insight) => `${insight.type}:${insight.severity}`)])) };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const backlog = evalBacklog();
const planner = evalPlanner();
const analyst = evalAnalyst();
console.log('Agents evaluation (offline, deterministic)');
console.log(`backlog:  feature coverage ${pct(backlog.featureCoverage)}, stories with acceptance criteria ${pct(backlog.storiesWithAcceptanceCriteria)} (${backlog.stories} stories)`);
console.log(`planner:  dependency violations ${planner.dependencyViolations} over ${planner.cases} boards, plan value vs brute-force optimum mean ${pct(planner.meanValueVsOptimum)}, worst ${pct(planner.worstValueVsOptimum)}`);
console.log(`analyst:  ${analyst.insights} insights, with linked evidence ${pct(analyst.withLinkedEvidence)}`);
for (const [board, found] of Object.entries(analyst.byBoard)) console.log(`          ${board}: ${found.join(', ') || 'none'}`);
console.log(JSON.stringify({ backlog, planner, analyst: { insights: analyst.insights, withLinkedEvidence: analyst.withLinkedEvidence } }));
