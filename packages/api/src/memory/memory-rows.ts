import { memories } from '@devmentor/db';

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
