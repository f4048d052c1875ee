import { and, eq, memoryContexts } from '@devmentor/db';
import { ConflictError } from '../errors';
import type { Context } from '../trpc/context';
import type { UpdateContextInput } from './memory.schemas';

type Ctx = Pick<Context, 'db'> & { auth: { user: { id: string } } };

const MAX_CONTEXT_BYTES = 64 * 1024;

const empty = { data: {} as Record<string, unknown>, version: 0, updatedAt: null as Date | null };

function key(ctx: Ctx, projectId: string) {
  return and(eq(memoryContexts.userId, ctx.auth.user.id), eq(memoryContexts.projectId, projectId));
}

/** The caller's own context record in the project (version 0 and no data when none exists yet). */
export async function getMemoryContext({ ctx, input }: { ctx: Ctx; input: { projectId: string } }) {
  const [row] = await ctx.db
    .select({ data: memoryContexts.data, version: memoryContexts.version, updatedAt: memoryContexts.updatedAt })
    .from(memoryContexts)
    .where(key(ctx, input.projectId));
  return row ?? empty;
}

/** Merges `patch` into the caller's record (null removes a key); a stale `version` is a CONFLICT. */
export async function updateMemoryContext({ ctx, input }: { ctx: Ctx; input: UpdateContextInput }) {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ data: memoryContexts.data, version: memoryContexts.version, updatedAt: memoryContexts.updatedAt })
      .from(memoryContexts)
      .where(key(ctx, input.projectId))
      .for('update');
    const base = current ?? empty;
    if (input.version !== undefined && input.version !== base.version) throw new ConflictError('The context changed since it was read', { current: base });
    const data: Record<string, unknown> = { ...base.data };
    for (const [field, value] of Object.entries(input.patch)) {
      if (value === null) delete data[field];
      else data[field] = value;
    }
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_CONTEXT_BYTES) {
      throw new ConflictError('The context record is full', { maxBytes: MAX_CONTEXT_BYTES });
    }
    const [row] = await tx
      .insert(memoryContexts)
      .values({ userId: ctx.auth.user.id, projectId: input.projectId, data, version: 1 })
      .onConflictDoUpdate({ target: [memoryContexts.userId, memoryContexts.projectId], set: { data, version: base.version + 1, updatedAt: new Date() } })
      .returning({ data: memoryContexts.data, version: memoryContexts.version, updatedAt: memoryContexts.updatedAt });
    return row!;
  });
}

/** Forgets the caller's context record in the project. */
export async function resetMemoryContext({ ctx, input }: { ctx: Ctx; input: { projectId: string } }) {
  await ctx.db.delete(memoryContexts).where(key(ctx, input.projectId));
  return empty;
}
