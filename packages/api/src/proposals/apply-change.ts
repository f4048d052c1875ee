import type { ItemRef, ProposalChange } from '@devmentor/ai';
import type { Database } from '@devmentor/db';
import type { EventBus } from '../bus';
import { createDependency } from '../dependencies/create-dependency';
import { EVENTS_CHANNEL, type DbOrTx, type ProjectEvent } from '../events/project-events';
import { addSprintItems } from '../sprints/sprint-items';
import { createItem } from '../work-items/create-item';
import { KINDS } from '../work-items/kinds';
import { loadItem } from '../work-items/items.queries';
import { moveItem } from '../work-items/move-item';
import { updateItem } from '../work-items/update-item';
import { ValidationError } from '../errors';

/**
 * A bus that keeps what the services publish inside the proposal's transaction, so the events go
 * out only after the whole apply commits (a rolled-back apply publishes nothing).
 */
export function createDeferredBus(): EventBus & { events: ProjectEvent[] } {
  const events: ProjectEvent[] = [];
  return {
    kind: 'memory',
    events,
    async publish(channel, payload) {
      if (channel !== EVENTS_CHANNEL && channel.startsWith('project:')) events.push(payload as ProjectEvent);
    },
    async subscribe() {
      return async () => {};
    },
    async ping() {},
    async close() {},
  };
}

/** Where the changes run: the apply's transaction (services nest a savepoint in it) and the deferred bus. */
export interface ChangeContext {
  tx: DbOrTx;
  bus: EventBus;
  auth: { user: { id: string } };
  projectId: string;
  /** Client ref -> id of the item created for it (this apply and earlier partial applies). */
  refs: Map<string, string>;
}

export function resolveRef(ref: ItemRef, refs: Map<string, string>): string {
  if ('id' in ref) return ref.id;
  const id = refs.get(ref.ref);
  if (!id) throw new ValidationError('The proposal names an item no chosen change creates', { ref: ref.ref });
  return id;
}

/**
 * Order of application: creations before the changes that name them; status moves last, so the
 * workflow rules (blockers, children done) judge the board as the other changes leave it.
 */
export const KIND_ORDER: Record<ProposalChange['kind'], number> = { create_epic: 0, create_story: 1, create_task: 2, update_item: 3, add_to_sprint: 4, create_dependency: 5, move_item: 6 };

/** Applies one change through the same service functions people use, so the same rules hold. */
export async function applyChange(c: ChangeContext, change: ProposalChange): Promise<void> {
  const ctx = { db: c.tx as unknown as Database, bus: c.bus, auth: c.auth };
  const projectId = c.projectId;
  const opt = (ref: ItemRef | null | undefined) => (ref ? resolveRef(ref, c.refs) : null);
  switch (change.kind) {
    case 'create_epic': {
      const item = await createItem('epic', { ctx, input: { projectId, title: change.title, description: change.description } });
      c.refs.set(change.ref, item.id);
      return;
    }
    case 'create_story': {
      const item = await createItem('story', {
        ctx,
        input: {
          projectId,
          title: change.title,
          description: change.description,
          epicId: opt(change.epic),
          priority: change.priority,
          estimate: change.estimate,
          confidence: change.confidence,
          acceptanceCriteria: change.acceptanceCriteria?.map((text) => ({ text, done: false })),
        },
      });
      c.refs.set(change.ref, item.id);
      return;
    }
    case 'create_task': {
      const item = await createItem('task', { ctx, input: { projectId, title: change.title, description: change.description, storyId: opt(change.story), estimate: change.estimate } });
      c.refs.set(change.ref, item.id);
      return;
    }
    case 'update_item': {
      const current = await loadItem(c.tx, KINDS[change.itemType], projectId, change.itemId);
      await updateItem(change.itemType, { ctx, input: { projectId, id: change.itemId, version: current.row.version, ...change.fields } });
      return;
    }
    case 'move_item': {
      const current = await loadItem(c.tx, KINDS[change.itemType], projectId, change.itemId);
      await moveItem(change.itemType, { ctx, input: { projectId, id: change.itemId, version: current.row.version, status: change.status } });
      return;
    }
    case 'add_to_sprint':
      await addSprintItems({ ctx, input: { projectId, id: change.sprintId, storyIds: [resolveRef(change.story, c.refs)] } });
      return;
    case 'create_dependency':
      await createDependency({ ctx, input: { projectId, sourceId: resolveRef(change.source, c.refs), targetId: resolveRef(change.target, c.refs), type: change.type } });
      return;
  }
}
