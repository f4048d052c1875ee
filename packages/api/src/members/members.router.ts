import { projectProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { ChangeRoleInput, ListMembersInput, RemoveMemberInput } from './members.schemas';
import { changeMemberRole, leaveProject, listMembers, removeMember } from './members.service';

export const membersRouter = router({
  list: projectProcedure('viewer')
    .input(ListMembersInput)
    .query(({ ctx, input }) => listMembers({ ctx, input })),
  changeRole: projectProcedure('admin')
    .input(ChangeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole({ ctx, input })),
  remove: projectProcedure('admin')
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember({ ctx, input })),
  /** Any member may leave, even of an archived project. */
  leave: projectProcedure('viewer').mutation(({ ctx }) => leaveProject({ ctx })),
});
