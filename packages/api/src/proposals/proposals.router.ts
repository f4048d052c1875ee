import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { applyProposal } from './apply-proposal';
import { previewProposal } from './preview-proposal';
import { ApplyProposalInput, ListProposalsInput, ProposalRef } from './proposals.schemas';
import { getProposal, listProposals, rejectProposal } from './review-proposals';

/** AI proposals: viewers read and preview, members apply or reject. */
export const proposalsRouter = router({
  list: projectProcedure('viewer').input(ListProposalsInput).query(({ ctx, input }) => listProposals({ ctx, input })),
  get: projectProcedure('viewer').input(ProposalRef).query(({ ctx, input }) => getProposal({ ctx, input })),
  preview: projectProcedure('viewer').input(ProposalRef).query(({ ctx, input }) => previewProposal({ ctx, input })),
  /** `apply` is a reserved word in tRPC routers (callers are proxies). */
  applyChanges: projectProcedure('member').input(ApplyProposalInput).mutation(({ ctx, input }) => applyProposal({ ctx, input })),
  reject: projectProcedure('member').input(ProposalRef).mutation(({ ctx, input }) => rejectProposal({ ctx, input })),
});
