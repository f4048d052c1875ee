import { z } from 'zod';
import { KEY_PREFIX_PATTERN } from './project-names';

export const ProjectName = z.string().trim().min(1).max(100);
export const ProjectDescription = z.string().max(5000);
export const KeyPrefix = z
  .string()
  .trim()
  .max(6)
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(KEY_PREFIX_PATTERN, '2 to 6 letters A-Z'));

/** Free-form project settings: a JSON object of bounded size. */
export const ProjectSettings = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 20_000, 'settings must stay under 20 kB of JSON');

export const CreateProjectInput = z.object({
  name: ProjectName,
  key: KeyPrefix.optional(),
  description: ProjectDescription.optional(),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const ListProjectsInput = z
  .object({
    includeArchived: z.boolean().optional(),
    cursor: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .optional();
export type ListProjectsInput = z.infer<typeof ListProjectsInput>;

export const UpdateProjectInput = z.object({
  name: ProjectName.optional(),
  description: ProjectDescription.optional(),
  settings: ProjectSettings.optional(),
  keyPrefix: KeyPrefix.optional(),
  version: z.number().int().min(1),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const DeleteProjectInput = z.object({ confirmName: z.string().max(200) });
export const TransferOwnershipInput = z.object({ userId: z.uuid() });
