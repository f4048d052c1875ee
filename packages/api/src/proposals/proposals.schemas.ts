import { z } from 'zod';

export const ProposalRef = z.object({ id: z.uuid() });
export const ListProposalsInput = z.object({
  status: z.enum(['pending', 'applied', 'partially_applied', 'rejected', 'expired']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ApplyProposalInput = z.object({ id: z.uuid(), changeIds: z.array(z.string().min(1).max(64)).min(1).max(500).optional() });
