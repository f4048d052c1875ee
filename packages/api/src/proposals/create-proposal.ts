import { ProposalPayload, type AiCallMeta } from '@devmentor/ai';
import { aiProposals } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import { latestEventId, toProposal, type Proposal, type ProposalContext } from './proposal-rows';

export interface NewProposal {
  projectId: string;
  agent: 'backlog' | 'sprint_planner' | 'analyst' | 'chat';
  title: string;
  payload: ProposalPayload;
  explanation: string;
  evidence: { entities: { type: string; id: string; key?: string }[]; memoryIds: string[] };
  /** The model that wrote the language (or the offline provider). */
  ai: Pick<AiCallMeta, 'provider' | 'model' | 'offline'>;
  /** The person who asked; null for scheduled runs. */
  createdById: string | null;
}

/**
 * Stores a pending proposal based on the project's latest event, expiring after
 * `AI_PROPOSAL_TTL_HOURS`, and writes a `proposal/created` event (the requester is notified).
 */
export async function createProposal(ctx: Pick<ProposalContext, 'db' | 'bus' | 'env'>, input: NewProposal): Promise<Proposal> {
  const payload = ProposalPayload.parse(input.payload);
  const { proposal, event } = await ctx.db.transaction(async (tx) => {
    const basedOnEventId = await latestEventId(tx, input.projectId);
    const [row] = await tx
      .insert(aiProposals)
      .values({
        projectId: input.projectId,
        agent: input.agent,
        provider: input.ai.provider,
        model: input.ai.model,
        offline: input.ai.offline,
        title: input.title,
        payload,
        explanation: input.explanation,
        evidence: input.evidence,
        createdById: input.createdById,
        basedOnEventId,
        expiresAt: new Date(Date.now() + ctx.env.AI_PROPOSAL_TTL_HOURS * 3_600_000),
      })
      .returning();
    if (!row) throw new Error('proposal insert returned nothing');
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: input.createdById,
      entityType: 'proposal',
      entityId: row.id,
      action: 'created',
      aiTriggered: true,
      proposalId: row.id,
      diff: { agent: input.agent, title: input.title, summary: input.title, changes: payload.changes.length, requestedById: input.createdById },
    });
    return { proposal: toProposal(row), event };
  });
  await publishEvents(ctx.bus, [event]);
  return proposal;
}
