import type { EventBus } from '../bus';

/** Per-user bus channel: session revocations (here) and notifications (live). */
export function userChannel(userId: string): string {
  return `user:${userId}`;
}

export interface SessionRevokedMessage {
  kind: 'session_revoked';
  sessionId: string;
}

/** Tells every server instance to end the streams of these sessions. Call after commit. */
export async function publishSessionsRevoked(bus: EventBus, userId: string, sessionIds: string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    const message: SessionRevokedMessage = { kind: 'session_revoked', sessionId };
    await bus.publish(userChannel(userId), message);
  }
}
