import { invitations } from '@devmentor/db';
import type { ProjectRole } from '../trpc/procedures';
import type { InvitationStatus } from './invitation-status';

/** What clients see of an invitation: never the token or its hash. */
export const invitationColumns = {
  id: invitations.id,
  projectId: invitations.projectId,
  email: invitations.email,
  role: invitations.role,
  invitedById: invitations.invitedById,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  declinedAt: invitations.declinedAt,
  revokedAt: invitations.revokedAt,
  createdAt: invitations.createdAt,
};

export interface InvitationView {
  id: string;
  projectId: string;
  email: string;
  role: ProjectRole;
  invitedById: string | null;
  inviterName: string | null;
  status: InvitationStatus;
  expiresAt: Date;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
