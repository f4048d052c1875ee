import { z } from 'zod';
import { PROJECT_ROLES } from '../trpc/procedures';

export const ProjectRoleInput = z.enum(PROJECT_ROLES);

export const ListMembersInput = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type ListMembersInput = z.infer<typeof ListMembersInput>;

export const ChangeRoleInput = z.object({ userId: z.uuid(), role: ProjectRoleInput });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

export const RemoveMemberInput = z.object({ userId: z.uuid() });
