import type { NotificationView } from '../notifications/notification-view';

/** The bus channel of per-user messages (any instance may publish, every instance listens). */
export function userChannel(userId: string): string {
  return `user:${userId}`;
}

/**
 * Messages on `user:${userId}`. `session_revoked` is published by the accounts code when a session
 * ends (logout, revoke, password change): open streams of that session end at once; a null
 * `sessionId` means every session of the user.
 */
export type UserMessage = { kind: 'session_revoked'; sessionId: string | null } | { kind: 'notification'; notification: NotificationView };
