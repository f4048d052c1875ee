import { and, eq, invitations, isNull, projectMembers, projects, sql, users } from '@devmentor/db';
import { hashSecret, randomToken } from '../auth/session-token';
import { ConflictError, ForbiddenError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { ProjectContext } from '../projects/service-context';
import type { Context } from '../trpc/context';
import { INVITATION_LIFETIME_MS } from './invitation-status';
import type { CreateInvitationInput } from './invitations.schemas';
import { invitationColumns, type InvitationView } from './invitation-view';

export interface CreatedInvitation {
  invitation: InvitationView;
  /** The accept link, returned once (it is also mailed); only the token's hash is stored. */
  inviteUrl: string;
  emailSent: boolean;
}

/**
 * Invites an email address with a role (admins; only owners invite owners). A pending invitation
 * to the same address is replaced. The token (160 random bits) is mailed after commit.
 */
export async function createInvitation({
  ctx,
  input,
}: {
  ctx: ProjectContext & Pick<Context, 'mailer'>;
  input: CreateInvitationInput;
}): Promise<CreatedInvitation> {
  const projectId = ctx.project.id;
  if (input.role === 'owner' && ctx.project.role !== 'owner') throw new ForbiddenError('Only an owner can invite an owner');
  const token = randomToken(20);
  const now = new Date();
  const { row, event, projectName } = await ctx.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ userId: projectMembers.userId })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(and(eq(projectMembers.projectId, projectId), eq(sql`lower(${users.email})`, input.email)));
    if (member) throw new ConflictError('This person is already a member of the project', { reason: 'already_member' });
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.projectId, projectId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.declinedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        projectId,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedById: ctx.auth.user.id,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        createdAt: now,
      })
      .returning(invitationColumns);
    if (!row) throw new Error('invitation insert returned nothing');
    const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId));
    const event = await recordEvent(tx, {
      projectId,
      actorId: ctx.auth.user.id,
      entityType: 'invitation',
      entityId: row.id,
      action: 'created',
      diff: { email: row.email, role: row.role, expiresAt: row.expiresAt },
    });
    return { row, event, projectName: project?.name ?? '' };
  });
  await publishEvents(ctx.bus, [event]);

  const inviteUrl = new URL(`/invitations/${token}`, ctx.env.APP_URL).toString();
  let emailSent = true;
  try {
    await ctx.mailer.send({
      kind: 'invitation',
      to: input.email,
      subject: `${ctx.auth.user.name} invited you to ${projectName} on DevMentor`,
      text: `${ctx.auth.user.name} invited you to join "${projectName}" as ${input.role}.\n\nAccept or decline: ${inviteUrl}\n\nThe link expires in 7 days.`,
    });
  } catch (err) {
    emailSent = false;
    ctx.log.error({ err, invitationId: row.id }, 'invitation mail not sent');
  }
  return { invitation: { ...row, status: 'pending', inviterName: ctx.auth.user.name }, inviteUrl, emailSent };
}
