import { idsTouched, refsNeeded, type ProposalChange } from '@devmentor/ai';
import { and, asc, events, gt, inArray, isNull, ne, or } from '@devmentor/db';
import { ConflictError, ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { KIND_ORDER } from './apply-change';
import type { Proposal } from './proposal-rows';

/** Refuses proposals that can no longer be applied: reviewed, rejected or past their expiry. */
export function assertOpen(proposal: Proposal, now = new Date()): void {
  if (proposal.status === 'pending' || proposal.status === 'partially_applied') {
    if (proposal.expiresAt > now) return;
    throw new ConflictError('This proposal has expired', { status: 'expired' });
  }
  throw new ConflictError(`This proposal is ${proposal.status.replace('_', ' ')}`, { status: proposal.status });
}

/**
 * The changes to apply, in application order: the chosen ids (default: all not yet applied).
 * Unknown or already applied ids, and a change naming a new item that no chosen or earlier
 * applied change creates, are BAD_REQUEST.
 */
export function selectChanges(proposal: Proposal, changeIds: string[] | undefined): ProposalChange[] {
  const all = proposal.payload.changes;
  const applied = new Set(proposal.appliedChangeIds);
  const wanted = changeIds ? new Set(changeIds) : new Set(all.filter((change) => !applied.has(change.changeId)).map((change) => change.changeId));
  const unknown = [...wanted].filter((id) => !all.some((change) => change.changeId === id));
  if (unknown.length > 0) throw new ValidationError('Unknown change ids', { unknown });
  const again = [...wanted].filter((id) => applied.has(id));
  if (again.length > 0) throw new ValidationError('These changes were already applied', { alreadyApplied: again });
  const chosen = all.filter((change) => wanted.has(change.changeId));
  if (chosen.length === 0) throw new ValidationError('No change left to apply');

  const available = new Set(Object.keys(proposal.createdRefs));
  for (const change of chosen) if ('ref' in change) available.add(change.ref);
  const missing = chosen.flatMap((change) =>
    refsNeeded(change)
      .filter((ref) => !available.has(ref))
      .map((ref) => ({ changeId: change.changeId, needs: all.find((other) => 'ref' in other && other.ref === ref)?.changeId ?? null, ref })),
  );
  if (missing.length > 0) throw new ValidationError('Some chosen changes need changes that are not chosen', { missing });
  return chosen.map((change, i) => ({ change, i })).sort((a, b) => KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind] || a.i - b.i).map(({ change }) => change);
}

/**
 * Events after the proposal's base on the items and sprints the chosen changes touch (other than
 * the proposal's own): existing ones they name, and items an earlier partial apply created that
 * they build on. Someone editing an item the proposal created blocks only the changes using it.
 */
export async function changesSince(db: DbOrTx, proposal: Proposal, chosen: ProposalChange[]) {
  const createdTheyUse = chosen.flatMap(refsNeeded).flatMap((ref) => (proposal.createdRefs[ref] ? [proposal.createdRefs[ref]] : []));
  const touched = [...new Set([...chosen.flatMap(idsTouched), ...createdTheyUse])];
  if (touched.length === 0) return [];
  return db
    .select({ eventId: events.id, entityType: events.entityType, entityId: events.entityId, action: events.action, actorId: events.actorId, diff: events.diff })
    .from(events)
    .where(
      and(
        gt(events.id, proposal.basedOnEventId),
        inArray(events.entityId, touched),
        or(isNull(events.proposalId), ne(events.proposalId, proposal.id)),
        // Project filter last: touched ids are the proposal's own, but never look outside it.
        inArray(events.projectId, [proposal.projectId]),
      ),
    )
    .orderBy(asc(events.id))
    .limit(50);
}
