import { and, eq, memories } from '@devmentor/db';
import { ConflictError, NotFoundError } from '../errors';
import { diffFields, publishEvents, recordEvent } from '../events/project-events';
import type { Context } from '../trpc/context';
import { deleteSourceChunks } from './chunks';
import type { MemoryIdInput, SetRelevanceInput } from './memory.schemas';
import { memoryColumns } from './memory-rows';
import { recordMemoryAccess } from './search-memory';

type Ctx = Pick<Context, 'db' | 'bus'> & { auth: { user: { id: string } } };

async function findMemory(ctx: Pick<Ctx, 'db'>, input: MemoryIdInput) {
  const [memory] = await ctx.db
    .select(memoryColumns)
    .from(memories)
    .where(and(eq(memories.id, input.id), eq(memories.projectId, input.projectId)));
  if (!memory) throw new NotFoundError('Memory');
  return memory;
}

/** One memory of the project; counts as an access. */
export async function getMemory({ ctx, input }: { ctx: Ctx; input: MemoryIdInput }) {
  await findMemory(ctx, input);
  await recordMemoryAccess(ctx.db, input.projectId, [input.id]);
  return findMemory(ctx, input);
}

/** Deletes the memory and its chunks, with the event, in one transaction. */
export async function deleteMemory({ ctx, input }: { ctx: Ctx; input: MemoryIdInput }) {
  const event = await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(memories)
      .where(and(eq(memories.id, input.id), eq(memories.projectId, input.projectId)))
      .returning(memoryColumns);
    if (!deleted) throw new NotFoundError('Memory');
    await deleteSourceChunks(tx, { projectId: input.projectId, sourceType: 'memory', sourceId: input.id });
    return recordEvent(tx, { projectId: input.projectId, actorId: ctx.auth.user.id, entityType: 'memory', entityId: input.id, action: 'deleted', diff: { type: deleted.type } });
  });
  await publishEvents(ctx.bus, [event]);
  return { id: input.id };
}

/** Sets how much retrieval should favour the memory (0-1); takes the version read. */
export async function setMemoryRelevance({ ctx, input }: { ctx: Ctx; input: SetRelevanceInput }) {
  const { memory, event } = await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select(memoryColumns)
      .from(memories)
      .where(and(eq(memories.id, input.id), eq(memories.projectId, input.projectId)))
      .for('update');
    if (!current) throw new NotFoundError('Memory');
    if (current.version !== input.version) throw new ConflictError('The memory changed since it was read', { current });
    const [memory] = await tx
      .update(memories)
      .set({ relevance: input.relevance, version: current.version + 1 })
      .where(eq(memories.id, input.id))
      .returning(memoryColumns);
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'memory',
      entityId: input.id,
      action: 'updated',
      diff: diffFields({ relevance: current.relevance }, { relevance: input.relevance }),
    });
    return { memory: memory!, event };
  });
  await publishEvents(ctx.bus, [event]);
  return memory;
}
