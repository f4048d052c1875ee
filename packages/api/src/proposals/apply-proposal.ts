import { aiProposals, eq, events, inArray } from '@devmentor/db';
import { ConflictError } from '../errors';
import { publishEvents, recordEvent, type ProjectEvent } from '../events/project-events';
import { applyChange, createDeferredBus } from './apply-change';
import { loadProposal, toProposal, type ProposalContext } from './proposal-rows';
import { assertOpen, changesSince, selectChanges } from './select-changes';

/**
 * Applies the chosen changes (default: all not yet applied) in ONE transaction through the
 * work-item, sprint and dependency services. Every event they write is marked `aiTriggered` with
 * the proposal id, and published only after commit. If an item or sprint the changes touch has
 * events after the proposal's base, nothing is applied: CONFLICT with `details.changed`.
 */
export async function applyProposal({ ctx, input }: { ctx: ProposalContext; input: { projectId: string; id: string; changeIds?: string[] | undefined } }) {
  const { proposal, published, appliedChangeIds } = await ctx.db.transaction(async (tx) => {
    const proposal = await loadProposal(tx, input.projectId, input.id, { lock: true });
    assertOpen(proposal);
    const chosen = selectChanges(proposal, input.changeIds);
    const changed = await changesSince(tx, proposal, chosen);
    if (changed.length > 0) throw new ConflictError('The board changed since this proposal was made', { changed });

    const bus = createDeferredBus();
    const refs = new Map(Object.entries(proposal.createdRefs));
    for (const change of chosen) await applyChange({ tx, bus, auth: ctx.auth, projectId: input.projectId, refs }, change);

    const ids = bus.events.map((event) => event.id);
    if (ids.length > 0) await tx.update(events).set({ aiTriggered: true, proposalId: proposal.id }).where(inArray(events.id, ids));
    const appliedChangeIds = [...proposal.appliedChangeIds, ...chosen.map((change) => change.changeId)];
    const status = appliedChangeIds.length >= proposal.payload.changes.length ? 'applied' : 'partially_applied';
    const [row] = await tx
      .update(aiProposals)
      .set({ status, appliedChangeIds, createdRefs: Object.fromEntries(refs), reviewedById: ctx.auth.user.id, reviewedAt: new Date() })
      .where(eq(aiProposals.id, proposal.id))
      .returning();
    const own = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'proposal',
      entityId: proposal.id,
      action: 'updated',
      aiTriggered: true,
      proposalId: proposal.id,
      diff: { status: { from: proposal.status, to: status }, appliedChangeIds: chosen.map((change) => change.changeId) },
    });
    const published: ProjectEvent[] = [...bus.events.map((event) => ({ ...event, aiTriggered: true, proposalId: proposal.id })), own];
    return { proposal: toProposal(row!), published, appliedChangeIds: chosen.map((change) => change.changeId) };
  });
  await publishEvents(ctx.bus, published);
  return { proposal, appliedChangeIds };
}
