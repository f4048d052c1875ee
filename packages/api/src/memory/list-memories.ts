import { and, desc, eq, memories, type Database } from '@devmentor/db';
import { afterCursor, cursorTimestamp, toPage } from '../pagination/newest-first';
import type { ListMemoriesInput } from './memory.schemas';
import { memoryColumns } from './memory-rows';

/**
 * The project's memories, newest first, optionally of one type. Browsing is not retrieval: unlike
 * search, retrieve and get, listing does not count as an access.
 */
export async function listMemories({ ctx, input }: { ctx: { db: Database }; input: ListMemoriesInput }) {
  const rows = await ctx.db
    .select({ row: memoryColumns, at: cursorTimestamp(memories.createdAt) })
    .from(memories)
    .where(and(eq(memories.projectId, input.projectId), input.type ? eq(memories.type, input.type) : undefined, afterCursor(memories, input.cursor)))
    .orderBy(desc(memories.createdAt), desc(memories.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}
