import { aiProposals, and, eq, inArray, lt, type Database } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import { toPage } from '../pagination/newest-first';
import { listProposalRows, loadProposal, toProposal, type ProposalContext, type ProposalRow } from './proposal-rows';
import { assertOpen } from './select-changes';

/** The project's proposals, newest first, optionally of one status; `nextCursor` is null on the last page. */
export async function listProposals({ ctx, input }: { ctx: Pick<ProposalContext, 'db'>; input: { projectId: string; status?: ProposalRow['status'] | undefined; cursor?: string | undefined; limit: number } }) {
  const page = toPage(await listProposalRows(ctx.db, input), input.limit);
  return { items: page.items.map(toProposal), nextCursor: page.nextCursor };
}

export async function getProposal({ ctx, input }: { ctx: Pick<ProposalContext, 'db'>; input: { projectId: string; id: string } }) {
  return loadProposal(ctx.db, input.projectId, input.id);
}

/** Declines a pending (or partly applied) proposal; what was already applied stays. */
export async function rejectProposal({ ctx, input }: { ctx: ProposalContext; input: { projectId: string; id: string } }) {
  const { proposal, event } = await ctx.db.transaction(async (tx) => {
    const current = await loadProposal(tx, input.projectId, input.id, { lock: true });
    assertOpen(current);
    const [row] = await tx
      .update(aiProposals)
      .set({ status: 'rejected', reviewedById: ctx.auth.user.id, reviewedAt: new Date() })
      .where(eq(aiProposals.id, current.id))
      .returning();
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'proposal',
      entityId: current.id,
      action: 'updated',
      proposalId: current.id,
      diff: { status: { from: current.status, to: 'rejected' } },
    });
    return { proposal: toProposal(row!), event };
  });
  await publishEvents(ctx.bus, [event]);
  return proposal;
}

export const EXPIRE_PROPOSALS_JOB = 'proposals.expire';

/** Marks pending proposals past their `expiresAt` as expired; returns how many. */
export async function expireProposals(db: Database, now = new Date()): Promise<number> {
  const rows = await db
    .update(aiProposals)
    .set({ status: 'expired' })
    .where(and(inArray(aiProposals.status, ['pending', 'partially_applied']), lt(aiProposals.expiresAt, now)))
    .returning({ id: aiProposals.id });
  return rows.length;
}
