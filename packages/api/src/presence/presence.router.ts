import { z } from 'zod';
import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { watchPresence } from './watch-presence';

export const WatchPresenceInput = z.object({ itemId: z.uuid().nullish() });

export const presenceRouter = router({
  /** Registers the caller as viewing the project (and item) while open; streams who else is there. */
  watch: projectProcedure('viewer')
    .input(WatchPresenceInput)
    .subscription(({ ctx, input, signal }) => watchPresence({ ctx, input, signal })),
});
