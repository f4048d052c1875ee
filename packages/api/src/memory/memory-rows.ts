import { and, eq, inArray, memories } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

/** The memory as clients see it. */
export const memoryColumns = {
  id: memories.id,
  projectId: memories.projectId,
  content: memories.content,
  type: memories.type,
  tags: memories.tags,
  relevance: memories.relevance,
  accessCount: memories.accessCount,
  lastAccessedAt: memories.lastAccessedAt,
  createdById: memories.createdById,
  version: memories.version,
  createdAt: memories.createdAt,
  updatedAt: memories.updatedAt,
};

/** The weights (`relevance`, 0-1) of some of a project's memories, by id; ids of other projects are left out. */
export async function memoryWeights(db: DbOrTx, projectId: string, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: memories.id, relevance: memories.relevance }).from(memories).where(and(eq(memories.projectId, projectId), inArray(memories.id, ids)));
  return new Map(rows.map((row) => [row.id, row.relevance]));
}
