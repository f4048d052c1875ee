import type { TRPCError } from '@trpc/server';
import { AppError, toTRPCError } from '../errors';

/**
 * Why a live stream ended, in `error.data.details.reason`. Errors thrown while a subscription
 * streams bypass the procedure middleware, so they are converted to TRPCError here.
 * - `resync`: the client fell behind; resubscribe with the last event id (the replay fills the gap).
 * - `member_removed`: the caller is no longer a member of the project.
 * - `session_revoked`: the session that opened the stream was revoked; sign in again.
 * - `api_key_revoked`: the API key that opened the stream was revoked.
 * - `subscription_limit`: too many open subscriptions for this user.
 */
export type StreamEndReason = 'resync' | 'member_removed' | 'session_revoked' | 'api_key_revoked' | 'subscription_limit';

export function resyncError(lastEventId: number | null): TRPCError {
  return toTRPCError(new AppError('CONFLICT', 'The stream fell behind; resubscribe with the last event id', { reason: 'resync', lastEventId }));
}

export function memberRemovedError(): TRPCError {
  return toTRPCError(new AppError('FORBIDDEN', 'You are no longer a member of this project', { reason: 'member_removed' }));
}

export function sessionRevokedError(): TRPCError {
  return toTRPCError(new AppError('UNAUTHORIZED', 'This session was signed out', { reason: 'session_revoked' }));
}

export function apiKeyRevokedError(): TRPCError {
  return toTRPCError(new AppError('UNAUTHORIZED', 'This API key was revoked', { reason: 'api_key_revoked' }));
}

export function subscriptionLimitError(limit: number): TRPCError {
  return toTRPCError(new AppError('TOO_MANY_REQUESTS', `At most ${limit} open subscriptions per user`, { reason: 'subscription_limit', limit }));
}
