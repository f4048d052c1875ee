import { accountProcedure, projectProcedure } from '../trpc/procedures';
import { publicProcedure, router } from '../trpc/init';
import { acceptInvitation, declineInvitation, getInvitationByToken, listMyInvitations } from './answer-invitation';
import { createInvitation } from './create-invitation';
import { AnswerInvitationInput, CreateInvitationInput, InvitationIdInput, ListInvitationsInput, TokenInput } from './invitations.schemas';
import { listInvitations, revokeInvitation } from './manage-invitations';

export const invitationsRouter = router({
  create: projectProcedure('admin')
    .input(CreateInvitationInput)
    .mutation(({ ctx, input }) => createInvitation({ ctx, input })),
  list: projectProcedure('admin')
    .input(ListInvitationsInput)
    .query(({ ctx, input }) => listInvitations({ ctx, input })),
  revoke: projectProcedure('admin')
    .input(InvitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation({ ctx, input })),
  /** For the accept page, before or after sign-in: the token in the link is the credential. */
  get: publicProcedure.input(TokenInput).query(({ ctx, input }) => getInvitationByToken({ ctx, input })),
  accept: accountProcedure.input(AnswerInvitationInput).mutation(({ ctx, input }) => acceptInvitation({ ctx, input })),
  decline: accountProcedure.input(AnswerInvitationInput).mutation(({ ctx, input }) => declineInvitation({ ctx, input })),
  mine: accountProcedure.query(({ ctx }) => listMyInvitations({ ctx })),
});
