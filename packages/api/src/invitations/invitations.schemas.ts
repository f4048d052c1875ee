import { z } from 'zod';
import { ProjectRoleInput } from '../members/members.schemas';

export const InvitationToken = z.string().min(16).max(200);

export const CreateInvitationInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((value) => value.toLowerCase()),
  role: ProjectRoleInput,
});
export type CreateInvitationInput = z.infer<typeof CreateInvitationInput>;

export const ListInvitationsInput = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type ListInvitationsInput = z.infer<typeof ListInvitationsInput>;

export const InvitationIdInput = z.object({ id: z.uuid() });
export const TokenInput = z.object({ token: InvitationToken });

/**
 * An invitation is answered with the token from the mail, or, from the "my invitations" list, by id
 * (which needs a verified email, since the token is then not there to prove the mailbox).
 */
export const AnswerInvitationInput = z.union([z.object({ token: InvitationToken }), z.object({ id: z.uuid() })]);
export type AnswerInvitationInput = z.infer<typeof AnswerInvitationInput>;
