import { and, eq, inArray, memories, sql } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import type { Context } from '../trpc/context';
import { embedderFor } from './embedder';
import { hybridSearch } from './hybrid-search';
import type { RetrieveInput, SearchInput } from './memory.schemas';
import { memoryColumns } from './memory-rows';

type Ctx = Pick<Context, 'db' | 'capabilities' | 'ai' | 'log'> & { auth: { user: { id: string } } };

/** Counts a read of these memories (search hits, retrieval, get). */
export async function recordMemoryAccess(db: DbOrTx, projectId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(memories)
    .set({ accessCount: sql`${memories.accessCount} + 1`, lastAccessedAt: new Date() })
    .where(and(eq(memories.projectId, projectId), inArray(memories.id, ids)));
}

/** Hybrid search over the project's memories, items and documents; `mode` says whether vectors took part. */
export async function searchMemory({ ctx, input }: { ctx: Ctx; input: SearchInput }) {
  const result = await hybridSearch(
    { db: ctx.db, embedder: embedderFor(ctx), onEmbedError: (err) => ctx.log.warn({ err }, 'query embedding failed: full-text search only') },
    { projectId: input.projectId, query: input.query, limit: input.limit, sourceTypes: input.sources, userId: ctx.auth.user.id },
  );
  const memoryIds = [...new Set(result.hits.filter((hit) => hit.sourceType === 'memory').map((hit) => hit.sourceId))];
  await recordMemoryAccess(ctx.db, input.projectId, memoryIds);
  return {
    mode: result.mode,
    items: result.hits.map((hit) => ({
      sourceType: hit.sourceType,
      sourceId: hit.sourceId,
      chunkIndex: hit.chunkIndex,
      content: hit.content,
      metadata: hit.metadata,
      score: hit.score,
      matchedBy: { fulltext: hit.fulltextRank !== null, vector: hit.vectorRank !== null },
    })),
  };
}

/**
 * Memories relevant to a context (a question, a task description): any-term full-text plus vectors,
 * grouped per memory and weighted by the memory's relevance (0.5 is neutral).
 */
export async function retrieveMemories({ ctx, input }: { ctx: Ctx; input: RetrieveInput }) {
  const result = await hybridSearch(
    { db: ctx.db, embedder: embedderFor(ctx), onEmbedError: (err) => ctx.log.warn({ err }, 'query embedding failed: full-text search only') },
    { projectId: input.projectId, query: input.context, limit: input.limit * 4, sourceTypes: ['memory'], match: 'any', userId: ctx.auth.user.id },
  );
  const best = new Map<string, number>();
  for (const hit of result.hits) best.set(hit.sourceId, Math.max(best.get(hit.sourceId) ?? 0, hit.score));
  if (best.size === 0) return { mode: result.mode, items: [] };
  const rows = await ctx.db
    .select(memoryColumns)
    .from(memories)
    .where(and(eq(memories.projectId, input.projectId), inArray(memories.id, [...best.keys()])));
  const ranked = rows
    .map((memory) => ({ memory, score: (best.get(memory.id) ?? 0) * (0.5 + memory.relevance) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, input.limit);
  await recordMemoryAccess(
    ctx.db,
    input.projectId,
    ranked.map((entry) => entry.memory.id),
  );
  return { mode: result.mode, items: ranked };
}
