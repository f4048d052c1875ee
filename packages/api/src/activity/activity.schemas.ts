import { z } from 'zod';

export const ENTITY_TYPES = ['project', 'member', 'invitation', 'epic', 'story', 'task', 'sprint', 'dependency', 'memory', 'document', 'notification', 'proposal', 'insight', 'agent'] as const;

export const ListActivityInput = z.object({
  entityType: z.enum(ENTITY_TYPES).optional(),
  /** One entity's history (ids are uuids, except a member's which is the user id). */
  entityId: z.string().min(1).max(100).optional(),
  /** The id of the last event of the previous page. */
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListActivityInput = z.infer<typeof ListActivityInput>;
