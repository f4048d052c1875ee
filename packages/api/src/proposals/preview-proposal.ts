import type { ItemRef, ProposalChange } from '@devmentor/ai';
import { and, eq, sprints, stories } from '@devmentor/db';
import { AppError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { resolveItems } from '../dependencies/work-item-refs';
import { KINDS } from '../work-items/kinds';
import { loadItem } from '../work-items/items.queries';
import { loadProposal, type ProposalContext } from './proposal-rows';
import { changesSince } from './select-changes';

type Named = { id: string | null; ref: string | null; key: string | null; title: string | null };

/**
 * A dry run: for every change, what it would do against the board as it is now (current values
 * next to proposed ones), whether it was already applied, and the board changes since the
 * proposal that would make apply refuse.
 */
export async function previewProposal({ ctx, input }: { ctx: Pick<ProposalContext, 'db'>; input: { projectId: string; id: string } }) {
  const proposal = await loadProposal(ctx.db, input.projectId, input.id);
  const applied = new Set(proposal.appliedChangeIds);
  const titles = new Map(proposal.payload.changes.flatMap((change) => ('ref' in change ? [[change.ref, change.title] as const] : [])));
  const name = async (ref: ItemRef | null | undefined): Promise<Named | null> => {
    if (!ref) return null;
    if ('ref' in ref) {
      const created = proposal.createdRefs[ref.ref];
      if (!created) return { id: null, ref: ref.ref, key: null, title: titles.get(ref.ref) ?? null };
      ref = { id: created };
    }
    const item = (await resolveItems(ctx.db, input.projectId, [ref.id])).get(ref.id);
    return { id: ref.id, ref: null, key: item?.key ?? null, title: item?.title ?? null };
  };
  const changes = [];
  for (const change of proposal.payload.changes) {
    changes.push({ changeId: change.changeId, kind: change.kind, applied: applied.has(change.changeId), ...(await describe(ctx.db, input.projectId, change, name)) });
  }
  const open = proposal.payload.changes.filter((change) => !applied.has(change.changeId));
  const conflicts = await changesSince(ctx.db, proposal, open);
  return { id: proposal.id, status: proposal.status, expired: proposal.status === 'expired' || proposal.expiresAt <= new Date(), changes, conflicts };
}

async function describe(db: DbOrTx, projectId: string, change: ProposalChange, name: (ref: ItemRef | null | undefined) => Promise<Named | null>) {
  switch (change.kind) {
    case 'create_epic':
    case 'create_story':
    case 'create_task': {
      const { changeId: _id, kind: _kind, ...fields } = change;
      const parent = change.kind === 'create_story' ? await name(change.epic) : change.kind === 'create_task' ? await name(change.story) : null;
      return { effect: 'create' as const, current: null, proposed: { ...fields, parent } };
    }
    case 'update_item': {
      const current = await loadItem(db, KINDS[change.itemType], projectId, change.itemId).catch(notFoundAsNull);
      const row = current?.row as Record<string, unknown> | undefined;
      const before = Object.fromEntries(Object.keys(change.fields).map((field) => [field, row ? row[field] : null]));
      return { effect: current ? ('update' as const) : ('missing' as const), target: await name({ id: change.itemId }), current: before, proposed: change.fields };
    }
    case 'move_item': {
      const current = await loadItem(db, KINDS[change.itemType], projectId, change.itemId).catch(notFoundAsNull);
      return { effect: current ? ('move' as const) : ('missing' as const), target: await name({ id: change.itemId }), current: { status: current?.row.status ?? null }, proposed: { status: change.status } };
    }
    case 'add_to_sprint': {
      const story = await name(change.story);
      const [sprint] = await db.select({ id: sprints.id, name: sprints.name, status: sprints.status }).from(sprints).where(and(eq(sprints.id, change.sprintId), eq(sprints.projectId, projectId)));
      const [row] = story?.id ? await db.select({ sprintId: stories.sprintId }).from(stories).where(and(eq(stories.id, story.id), eq(stories.projectId, projectId))) : [];
      return { effect: sprint ? ('add' as const) : ('missing' as const), target: story, current: { sprintId: row?.sprintId ?? null }, proposed: { sprintId: change.sprintId, sprintName: sprint?.name ?? null } };
    }
    case 'create_dependency':
      return { effect: 'link' as const, current: null, proposed: { source: await name(change.source), type: change.type, target: await name(change.target) } };
  }
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
  throw error;
}
