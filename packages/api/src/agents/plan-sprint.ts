import { countOf, planExplanation, planSprint as selectStories, type AiCallMeta } from '@devmentor/ai';
import { ConflictError } from '../errors';
import { createProposal } from '../proposals/create-proposal';
import { loadSprint } from '../sprints/sprints.queries';
import { runAgent, type AgentContext } from './agent-run';
import { loadPlannerInputs } from './planner-inputs';

export interface PlanSprintInput {
  projectId: string;
  sprintId: string;
  preferences?: { focusEpicIds?: string[] | undefined; maxPoints?: number | undefined } | undefined;
}

/**
 * Proposes which backlog stories to add to a sprint. The selection is deterministic code
 * (`@devmentor/ai` `planSprint`: capacity per member, velocity, priorities, dependencies); the
 * model only rewrites the explanation, and offline the templated one is used as is.
 */
export async function planSprintProposal({ ctx, input }: { ctx: AgentContext; input: PlanSprintInput }) {
  return runAgent(
    ctx,
    input.projectId,
    'sprint_planner',
    async (progress) => {
      await progress('Reading capacity, velocity and the backlog', 1, 3);
      const sprint = await loadSprint(ctx.db, input.projectId, input.sprintId);
      if (sprint.status === 'completed') throw new ConflictError('A completed sprint cannot be planned', { status: sprint.status });
      const data = await loadPlannerInputs(ctx.db, input.projectId, sprint);
      const preferences = { ...(input.preferences?.focusEpicIds ? { focusEpicIds: input.preferences.focusEpicIds } : {}), ...(input.preferences?.maxPoints !== undefined ? { maxPoints: input.preferences.maxPoints } : {}) };
      await progress('Choosing stories', 2, 3);
      const plan = selectStories({ capacity: sprint.capacity, committed: data.committed, candidates: data.candidates, velocity: data.velocity, preferences });
      const byId = new Map(data.candidates.map((story) => [story.id, story]));
      const template = planExplanation(plan, byId);
      await progress('Explaining the plan', 3, 3);
      const { explanation, meta } = await explain(ctx, input.projectId, template);
      return createProposal(ctx, {
        projectId: input.projectId,
        agent: 'sprint_planner',
        title: `Plan ${sprint.name}: ${countOf(plan.selected.length, 'story', 'stories')}, ${countOf(plan.points, 'point')}`,
        payload: {
          changes: plan.selected.map((id, i) => ({ changeId: `add-${i + 1}`, kind: 'add_to_sprint' as const, sprintId: sprint.id, story: { id } })),
          notes: { plan, velocity: data.velocity },
        },
        explanation,
        evidence: {
          entities: [{ type: 'sprint', id: sprint.id }, ...plan.selected.map((id) => ({ type: 'story', id, key: byId.get(id)!.key }))],
          memoryIds: [],
        },
        ai: meta,
        createdById: ctx.auth?.user.id ?? null,
      });
    },
    (proposal) => ({ proposalId: proposal.id }),
  );
}

/** The model rewrites the templated explanation when a remote one is configured; offline keeps it. */
async function explain(ctx: AgentContext, projectId: string, template: string): Promise<{ explanation: string; meta: Pick<AiCallMeta, 'provider' | 'model' | 'offline'> }> {
  const status = ctx.ai.status().chat;
  if (status.offline) return { explanation: template, meta: { provider: status.provider, model: status.model, offline: true } };
  const answer = await ctx.ai.complete(
    {
      messages: [
        { role: 'system', content: 'You explain sprint plans to a software team. Rewrite the facts below as a short, clear explanation. Do not add or remove stories; keep every item key.' },
        { role: 'user', content: template },
      ],
      maxTokens: 600,
    },
    { projectId, userId: ctx.auth?.user.id ?? null, purpose: 'agent.plan' },
  );
  // An offline fallback answer is extractive: the template says the same thing better.
  return { explanation: answer.offline ? template : answer.text, meta: answer };
}
