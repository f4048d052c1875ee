import { z } from 'zod';

export const ApiKeyScope = z.enum(['read', 'write']);

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(ApiKeyScope)
    .min(1)
    .max(4)
    .transform((scopes) => [...new Set(scopes)]),
  projectId: z.uuid().optional(),
  /** ISO 8601 date-time; must lie in the future. No expiry when absent. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const RevokeApiKeyInput = z.object({ id: z.string().min(1).max(64) });
