import { AppError, ConflictError } from '../errors';

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'declined' | 'revoked';

/** Seven days, as the issue asks. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function invitationStatus(
  row: { acceptedAt: Date | null; declinedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.declinedAt) return 'declined';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** Invitations are single use: anything but a pending one is refused with a reason. */
export function assertPending(status: InvitationStatus): void {
  if (status === 'expired') {
    throw new AppError('PRECONDITION_FAILED', 'This invitation has expired; ask for a new one', { reason: 'expired' });
  }
  if (status !== 'pending') throw new ConflictError(`This invitation was already ${status}`, { reason: status });
}
