import { chunkByTokens } from '@devmentor/ai';
import { memories } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import type { Context } from '../trpc/context';
import { replaceSourceChunks } from './chunks';
import { embedderFor } from './embedder';
import type { StoreMemoryInput } from './memory.schemas';
import { memoryColumns } from './memory-rows';
import { maskWith, projectPiiPolicy } from './pii-policy';

type Ctx = Pick<Context, 'db' | 'bus' | 'capabilities' | 'ai' | 'log'> & { auth: { user: { id: string } } };

/** Chunk size for memories and items: small pieces keep search results focused. */
export const MEMORY_CHUNK = { maxTokens: 200, overlapTokens: 30 };

/**
 * Stores a memory: PII masked per the project's setting before anything is written or embedded,
 * then the memory, its chunks (with embeddings where pgvector is on) and the event in one transaction.
 */
export async function storeMemory({ ctx, input }: { ctx: Ctx; input: StoreMemoryInput }) {
  const policy = await projectPiiPolicy(ctx.db, input.projectId);
  const content = maskWith(policy, input.content);
  const tags = (input.tags ?? []).map((tag) => maskWith(policy, tag).text);
  const pieces = chunkByTokens(content.text, MEMORY_CHUNK).map((chunk) => ({ content: chunk.text, metadata: { type: input.type, tags } }));
  const embedder = embedderFor(ctx);
  const userId = ctx.auth.user.id;
  // Computed before the transaction: a remote call never holds a database transaction open. If the
  // provider is down or the budget is spent, the memory is still stored and found by full-text search.
  const vectors = embedder
    ? await embedder
        .embed(
          pieces.map((piece) => piece.content),
          { projectId: input.projectId, userId, purpose: 'memory.store', pii: policy },
        )
        .catch((err: unknown) => {
          ctx.log.warn({ err }, 'memory stored without embeddings');
          return null;
        })
    : null;

  const { memory, event } = await ctx.db.transaction(async (tx) => {
    const [memory] = await tx
      .insert(memories)
      .values({ projectId: input.projectId, content: content.text, type: input.type, tags, relevance: input.relevance ?? 0.5, createdById: userId })
      .returning(memoryColumns);
    if (!memory) throw new Error('memory insert returned nothing');
    await replaceSourceChunks(tx, { projectId: input.projectId, sourceType: 'memory', sourceId: memory.id, ownerId: userId }, pieces, vectors);
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: userId,
      entityType: 'memory',
      entityId: memory.id,
      action: 'created',
      diff: { type: memory.type, tags: memory.tags, piiMasked: content.masked },
    });
    return { memory, event };
  });
  await publishEvents(ctx.bus, [event]);
  return { ...memory, piiMasked: content.masked };
}
