import { tracked, type TRPCError } from '@trpc/server';
import { SlowConsumerError, subscribeToChannel, type BusSubscription } from '../bus';
import { projectChannel, type ProjectEvent } from '../events/project-events';
import type { Auth, Context } from '../trpc/context';
import { assertStillAllowed } from './access-check';
import { resyncError } from './live-errors';
import { replayEvents } from './replay-events';
import { guardStream, type StreamGuard } from './stream-guard';

export type StreamContext = Pick<Context, 'db' | 'bus' | 'live' | 'socketBufferedBytes'> & { auth: Auth };

/** Ids already sent, to drop the overlap of replay and live; keeps the most recent `capacity`. */
class RecentIds {
  private readonly ids = new Set<number>();
  constructor(private readonly capacity: number) {}
  has(id: number) {
    return this.ids.has(id);
  }
  add(id: number) {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}

/**
 * One project's events for a subscriber: listens to the bus first, then replays the `events` table
 * after `lastEventId`, then streams live events, without duplicates. Each event is sent as
 * `tracked(id, event)`, where id is the highest event id sent so far: it equals `event.id` except
 * when a transaction that took an older id commits after a newer one, in which case the late event is
 * still delivered and the resume point does not move back (no duplicate after a reconnect).
 *
 * Ends with a typed error (see `live-errors.ts`): `resync` when the subscriber falls behind (bus
 * buffer or socket buffer full), `member_removed`, `session_revoked`.
 */
export async function* streamProjectEvents({
  ctx,
  input,
  signal,
}: {
  ctx: StreamContext;
  input: { projectId: string; lastEventId?: number | null | undefined };
  signal?: AbortSignal | undefined;
}) {
  const { limits } = ctx.live;
  const userId = ctx.auth.user.id;
  const release = ctx.live.subscriptions.acquire(userId);
  const after = input.lastEventId ?? null;
  let high = after;
  let guard: StreamGuard | undefined;
  let live: BusSubscription<ProjectEvent> | undefined;
  let failure: TRPCError | null = null;
  const seen = new RecentIds(limits.maxBufferedEvents + limits.replayPageSize);
  const send = (event: ProjectEvent) => {
    if ((ctx.socketBufferedBytes?.() ?? 0) > limits.maxSocketBufferedBytes) throw resyncError(high);
    seen.add(event.id);
    high = Math.max(high ?? 0, event.id);
    return tracked(String(high), event);
  };
  try {
    guard = await guardStream({ bus: ctx.bus, userId, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId, signal });
    live = await subscribeToChannel<ProjectEvent>(ctx.bus, projectChannel(input.projectId), { signal: guard.signal, maxBuffered: limits.maxBufferedEvents });
    await assertStillAllowed(ctx, { userId, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId });
    if (after !== null) {
      for await (const event of replayEvents(ctx, input.projectId, after, limits.replayPageSize)) {
        if (guard.signal.aborted) break;
        yield send(event);
      }
    }
    for await (const event of live) {
      if ((after !== null && event.id <= after) || seen.has(event.id)) continue;
      yield send(event);
    }
  } catch (error) {
    if (!(error instanceof SlowConsumerError)) throw error;
    failure = resyncError(high);
  } finally {
    await live?.close();
    await guard?.close();
    release();
  }
  const reason = failure ?? guard?.reason();
  if (reason) throw reason;
}
