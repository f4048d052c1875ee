import type { AiCallMeta, DroppedAction } from '@devmentor/ai';
import { planSprintProposal } from '../agents/plan-sprint';
import type { AgentContext } from '../agents/agent-run';
import { createProposal } from '../proposals/create-proposal';
import type { ResolvedActions } from './chat-actions';

export interface ChatProposals {
  /** The chat proposal when there is one, else the sprint plan's. */
  proposalId: string | null;
  proposalIds: string[];
  dropped: DroppedAction[];
}

function quote(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * Suggested actions become proposals (agent `chat`; a sprint plan runs the sprint planner and is
 * its own proposal), never direct changes: a person reviews and applies them. A plan that cannot
 * run (e.g. nothing to plan) is dropped with its error code.
 */
export async function proposeChatActions(
  ctx: AgentContext & { auth: { user: { id: string } } },
  input: { projectId: string; question: string; resolved: ResolvedActions; ai: Pick<AiCallMeta, 'provider' | 'model' | 'offline'>; memoryIds: string[] },
): Promise<ChatProposals> {
  const { resolved } = input;
  const result: ChatProposals = { proposalId: null, proposalIds: [], dropped: [...resolved.dropped] };
  if (resolved.changes.length > 0) {
    const title = resolved.lines.length === 1 ? `Chat: ${resolved.lines[0]}` : `Chat: ${resolved.lines.length} changes`;
    const proposal = await createProposal(ctx, {
      projectId: input.projectId,
      agent: 'chat',
      title: quote(title, 200),
      payload: { changes: resolved.changes, notes: { question: quote(input.question, 500), dropped: resolved.dropped } },
      explanation: [`Suggested in project chat, answering: "${quote(input.question, 300)}"`, ...resolved.lines.map((line) => `- ${line}`)].join('\n'),
      evidence: { entities: resolved.items.map((item) => ({ type: item.type, id: item.id, key: item.key })), memoryIds: input.memoryIds },
      ai: input.ai,
      createdById: ctx.auth.user.id,
    });
    result.proposalId = proposal.id;
    result.proposalIds.push(proposal.id);
  }
  for (const plan of resolved.plans) {
    try {
      const proposal = await planSprintProposal({ ctx, input: { projectId: input.projectId, sprintId: plan.sprintId } });
      result.proposalIds.push(proposal.id);
      result.proposalId ??= proposal.id;
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'INTERNAL';
      result.dropped.push({ action: `Plan the sprint "${plan.name}"`, reason: `the sprint planner could not plan it (${code})` });
    }
  }
  return result;
}
