import { z } from 'zod';

export const MEMORY_TYPES = ['note', 'decision', 'fact', 'preference', 'lesson', 'context'] as const;
export const SEARCH_SOURCES = ['memory', 'item', 'document', 'chat'] as const;

const projectId = z.uuid();

export const StoreMemoryInput = z.object({
  projectId,
  content: z.string().trim().min(1).max(20_000),
  type: z.enum(MEMORY_TYPES),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  relevance: z.number().min(0).max(1).optional(),
});
export type StoreMemoryInput = z.infer<typeof StoreMemoryInput>;

export const SearchInput = z.object({
  projectId,
  query: z.string().trim().min(1).max(1000),
  limit: z.number().int().min(1).max(50).default(10),
  /** Which kinds of chunks to search; default all. */
  sources: z.array(z.enum(SEARCH_SOURCES)).max(4).optional(),
});
export type SearchInput = z.infer<typeof SearchInput>;

export const RetrieveInput = z.object({
  projectId,
  /** The conversation or task at hand; memories relevant to it come back. */
  context: z.string().trim().min(1).max(8000),
  limit: z.number().int().min(1).max(20).default(5),
});
export type RetrieveInput = z.infer<typeof RetrieveInput>;

export const ListMemoriesInput = z.object({
  projectId,
  type: z.enum(MEMORY_TYPES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type ListMemoriesInput = z.infer<typeof ListMemoriesInput>;

export const MemoryIdInput = z.object({ projectId, id: z.uuid() });
export type MemoryIdInput = z.infer<typeof MemoryIdInput>;

export const SetRelevanceInput = z.object({ projectId, id: z.uuid(), relevance: z.number().min(0).max(1), version: z.number().int().min(1) });
export type SetRelevanceInput = z.infer<typeof SetRelevanceInput>;

const contextValue = z.json();
export const UpdateContextInput = z.object({
  projectId,
  /** Merged into the record; a key set to null is removed. */
  patch: z.record(z.string().max(100), contextValue).refine((value) => Object.keys(value).length <= 50, 'at most 50 keys'),
  /** The version read; omitted means last write wins. */
  version: z.number().int().min(0).optional(),
});
export type UpdateContextInput = z.infer<typeof UpdateContextInput>;

export const ProjectOnlyInput = z.object({ projectId });
