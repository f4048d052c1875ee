import type { EventBus } from '../bus';
import { userChannel, type UserMessage } from '../live/user-channel';

/** Tells every server instance to end the streams of these sessions. Call after commit. */
export async function publishSessionsRevoked(bus: EventBus, userId: string, sessionIds: string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    const message: UserMessage = { kind: 'session_revoked', sessionId };
    await bus.publish(userChannel(userId), message);
  }
}
