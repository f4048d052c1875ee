import type { NotificationView } from '../notifications/notification-view';

/** The bus channel of per-user messages (any instance may publish, every instance listens). */
export function userChannel(userId: string): string {
  return `user:${userId}`;
}

/**
 * Messages on `user:${userId}`. `session_revoked` is published by the accounts code when a session
 * ends (logout, revoke, password change): open streams of that session end at once; a null
 * `sessionId` means every session (and API key) of the user. `api_key_revoked` does the same for
 * the streams an API key opened.
 */
export type UserMessage =
  | { kind: 'session_revoked'; sessionId: string | null }
  | { kind: 'api_key_revoked'; apiKeyId: string }
  | { kind: 'notification'; notification: NotificationView };
