import { and, eq, gt, invitations, isNull, projectMembers, projects, sql, users } from '@devmentor/db';
import { hashSecret } from '../auth/session-token';
import { AppError, ForbiddenError, NotFoundError } from '../errors';
import { publishEvents, recordEvent, type DbOrTx, type ProjectEvent } from '../events/project-events';
import type { AuthedContext } from '../projects/service-context';
import type { Context } from '../trpc/context';
import type { ProjectRole } from '../trpc/procedures';
import { assertPending, invitationStatus, type InvitationStatus } from './invitation-status';
import type { AnswerInvitationInput } from './invitations.schemas';
import { invitationColumns } from './invitation-view';

/** What the accept page shows to whoever holds the link. */
export interface InvitationPreview {
  id: string;
  projectId: string;
  projectName: string;
  role: ProjectRole;
  email: string;
  inviterName: string | null;
  status: InvitationStatus;
  expiresAt: Date;
}

const previewColumns = {
  id: invitations.id,
  projectId: invitations.projectId,
  projectName: projects.name,
  role: invitations.role,
  email: invitations.email,
  inviterName: users.name,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  declinedAt: invitations.declinedAt,
  revokedAt: invitations.revokedAt,
};

/** The invitation a link's token names (the token is the credential: anyone holding it may look). */
export async function getInvitationByToken({ ctx, input }: { ctx: Pick<Context, 'db'>; input: { token: string } }): Promise<InvitationPreview> {
  const [row] = await ctx.db
    .select(previewColumns)
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(eq(invitations.tokenHash, hashSecret(input.token)));
  if (!row) throw new NotFoundError('Invitation');
  const { acceptedAt: _a, declinedAt: _d, revokedAt: _r, ...preview } = row;
  return { ...preview, status: invitationStatus(row) };
}

/** Pending invitations addressed to the caller's email, newest first. */
export async function listMyInvitations({ ctx }: { ctx: AuthedContext }): Promise<{ items: InvitationPreview[] }> {
  const rows = await ctx.db
    .select(previewColumns)
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(
      and(
        eq(invitations.email, ctx.auth.user.email.toLowerCase()),
        isNull(invitations.acceptedAt),
        isNull(invitations.declinedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        isNull(projects.archivedAt),
      ),
    )
    .orderBy(sql`${invitations.createdAt} desc`)
    .limit(100);
  return { items: rows.map(({ acceptedAt: _a, declinedAt: _d, revokedAt: _r, ...preview }) => ({ ...preview, status: 'pending' as const })) };
}

/** Finds and locks the invitation; checks it is pending and addressed to the caller. */
async function lockForAnswer(tx: DbOrTx, ctx: AuthedContext, input: AnswerInvitationInput) {
  const where = 'token' in input ? eq(invitations.tokenHash, hashSecret(input.token)) : eq(invitations.id, input.id);
  const [row] = await tx.select(invitationColumns).from(invitations).where(where).for('update');
  if (!row) throw new NotFoundError('Invitation');
  if (row.email !== ctx.auth.user.email.toLowerCase()) {
    throw new ForbiddenError('This invitation was sent to another email address; sign in with that address', { reason: 'email_mismatch' });
  }
  // Without the mailed token, only a verified address proves the invitation is the caller's.
  if (!('token' in input) && !ctx.auth.user.emailVerifiedAt) {
    throw new ForbiddenError('Verify your email address first, or use the link from the invitation mail', { reason: 'email_unverified' });
  }
  assertPending(invitationStatus(row));
  return row;
}

/** Joins the project with the invited role (an existing membership is kept as it is). Single use. */
export async function acceptInvitation({ ctx, input }: { ctx: AuthedContext; input: AnswerInvitationInput }): Promise<{ projectId: string; role: ProjectRole }> {
  const me = ctx.auth.user.id;
  const { result, events } = await ctx.db.transaction(async (tx) => {
    const row = await lockForAnswer(tx, ctx, input);
    const [project] = await tx.select({ archivedAt: projects.archivedAt }).from(projects).where(eq(projects.id, row.projectId));
    if (project?.archivedAt) throw new AppError('PRECONDITION_FAILED', 'The project is archived', { reason: 'archived' });
    await tx.update(invitations).set({ acceptedAt: new Date(), acceptedById: me }).where(eq(invitations.id, row.id));
    const recorded: ProjectEvent[] = [
      await recordEvent(tx, { projectId: row.projectId, actorId: me, entityType: 'invitation', entityId: row.id, action: 'status_changed', diff: { status: { from: 'pending', to: 'accepted' } } }),
    ];
    const [existing] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, row.projectId), eq(projectMembers.userId, me)));
    if (existing) return { result: { projectId: row.projectId, role: existing.role }, events: recorded };
    await tx.insert(projectMembers).values({ projectId: row.projectId, userId: me, role: row.role });
    recorded.push(
      await recordEvent(tx, { projectId: row.projectId, actorId: me, entityType: 'member', entityId: me, action: 'added', diff: { userId: me, role: row.role, invitationId: row.id } }),
    );
    return { result: { projectId: row.projectId, role: row.role }, events: recorded };
  });
  await publishEvents(ctx.bus, events);
  return result;
}

export async function declineInvitation({ ctx, input }: { ctx: AuthedContext; input: AnswerInvitationInput }): Promise<{ id: string }> {
  const event = await ctx.db.transaction(async (tx) => {
    const row = await lockForAnswer(tx, ctx, input);
    await tx.update(invitations).set({ declinedAt: new Date() }).where(eq(invitations.id, row.id));
    return recordEvent(tx, {
      projectId: row.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'invitation',
      entityId: row.id,
      action: 'status_changed',
      diff: { status: { from: 'pending', to: 'declined' } },
    });
  });
  await publishEvents(ctx.bus, [event]);
  return { id: event.entityId };
}
