import { z } from 'zod';

export const CreateDependencyInput = z.object({
  sourceId: z.uuid(),
  targetId: z.uuid(),
  /** `source blocks target`, or `source requires target` (the same as `target blocks source`). */
  type: z.enum(['blocks', 'requires']),
});
export type CreateDependencyInput = z.infer<typeof CreateDependencyInput>;

export const ListDependenciesInput = z.object({
  /** Only the links touching this item (either end). */
  itemId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListDependenciesInput = z.infer<typeof ListDependenciesInput>;

export const DependencyRef = z.object({ id: z.uuid() });
