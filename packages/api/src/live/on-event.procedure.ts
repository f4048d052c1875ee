import { z } from 'zod';
import { projectProcedure } from '../trpc/procedures';
import { streamProjectEvents } from './stream-project-events';

/** tRPC's wsLink resends the last `tracked` id as a string on reconnect; scripts may send a number. */
export const LastEventId = z.union([z.string().regex(/^\d{1,15}$/).transform(Number), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]).nullish();

export const OnEventInput = z.object({ lastEventId: LastEventId });

/**
 * `projects.onEvent {projectId, lastEventId?}`: every event of one project over WebSocket, viewer
 * and up. See `streamProjectEvents` for ordering, replay and how the stream ends.
 */
export const onEventProcedure = projectProcedure('viewer')
  .input(OnEventInput)
  .subscription(({ ctx, input, signal }) => streamProjectEvents({ ctx, input, signal }));
