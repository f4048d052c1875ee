import type { EventBus, Unsubscribe } from '../bus';
import { projectChannel, type ProjectEvent } from '../events/project-events';
import { apiKeyRevokedError, memberRemovedError, sessionRevokedError } from './live-errors';
import { userChannel, type UserMessage } from './user-channel';
import type { TRPCError } from '@trpc/server';

export interface StreamGuard {
  /** Aborted when the caller's signal aborts or access is lost; `reason` says why. */
  signal: AbortSignal;
  /** The typed error to end the stream with, or null when the client simply left. */
  reason(): TRPCError | null;
  close(): Promise<void>;
}

/**
 * Ends a live stream when its caller loses access: a `member`/`removed` event naming the user on the
 * project channel, or on `user:${userId}` `session_revoked` for the stream's session or
 * `api_key_revoked` for the API key that opened it. Subscribes
 * before the caller re-checks access, so a revocation between check and stream is never missed.
 */
export async function guardStream(options: {
  bus: EventBus;
  userId: string;
  sessionId: string | null;
  /** The API key the stream was opened with, if any. */
  apiKeyId?: string | null | undefined;
  projectId: string | null;
  signal?: AbortSignal | undefined;
}): Promise<StreamGuard> {
  const controller = new AbortController();
  let ended: TRPCError | null = null;
  const end = (error: TRPCError | null) => {
    if (controller.signal.aborted) return;
    ended = error;
    controller.abort();
  };
  const onAbort = () => end(null);
  if (options.signal?.aborted) end(null);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const unsubscribes: Unsubscribe[] = [];
  unsubscribes.push(
    await options.bus.subscribe(userChannel(options.userId), (payload) => {
      const message = payload as UserMessage;
      if (message.kind === 'session_revoked' && (message.sessionId === null || message.sessionId === options.sessionId)) end(sessionRevokedError());
      if (message.kind === 'api_key_revoked' && options.apiKeyId && message.apiKeyId === options.apiKeyId) end(apiKeyRevokedError());
    }),
  );
  if (options.projectId) {
    unsubscribes.push(
      await options.bus.subscribe(projectChannel(options.projectId), (payload) => {
        const event = payload as ProjectEvent;
        if (event.entityType === 'member' && event.action === 'removed' && event.entityId === options.userId) end(memberRemovedError());
      }),
    );
  }

  return {
    signal: controller.signal,
    reason: () => ended,
    async close() {
      options.signal?.removeEventListener('abort', onAbort);
      await Promise.all(unsubscribes.splice(0).map((unsubscribe) => unsubscribe()));
    },
  };
}
