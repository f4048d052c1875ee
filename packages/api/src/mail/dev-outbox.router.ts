import { z } from 'zod';
import { publicProcedure, router } from '../trpc/init';
import { listDevOutbox } from './dev-outbox';

/**
 * The dev outbox, for following verification and reset links without a mail server. Answers only
 * while the outbox is the active mailer and NODE_ENV is not production (PRECONDITION_FAILED
 * otherwise): it shows every mail, links included, so it must never be reachable on a real deployment.
 */
export const devOutboxRouter = router({
  list: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listDevOutbox({ ctx, input })),
});
