import { and, desc, eq, invitations, sql, users, type SQL } from '@devmentor/db';
import { NotFoundError, ValidationError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { ProjectContext } from '../projects/service-context';
import { assertPending, invitationStatus } from './invitation-status';
import type { ListInvitationsInput } from './invitations.schemas';
import { invitationColumns, type InvitationView } from './invitation-view';

function decodeCursor(raw: string): { createdAt: Date; id: string } {
  const [time, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) throw new ValidationError('Invalid cursor');
  return { createdAt, id };
}

/** The project's invitations, newest first, each with its status (pending, expired, accepted, declined, revoked). */
export async function listInvitations({ ctx, input }: { ctx: ProjectContext; input: ListInvitationsInput }) {
  const limit = input.limit ?? 50;
  // Cursors carry milliseconds; PostgreSQL keeps microseconds, so order and compare at ms precision.
  const created = sql`date_trunc('milliseconds', ${invitations.createdAt})`;
  const conditions: (SQL | undefined)[] = [eq(invitations.projectId, ctx.project.id)];
  if (input.cursor) {
    const before = decodeCursor(input.cursor);
    const at = sql`${before.createdAt.toISOString()}::timestamptz`;
    conditions.push(sql`(${created} < ${at} or (${created} = ${at} and ${invitations.id} < ${before.id}))`);
  }
  const rows = await ctx.db
    .select({ ...invitationColumns, inviterName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(and(...conditions))
    .orderBy(desc(created), desc(invitations.id))
    .limit(limit + 1);
  const now = new Date();
  const items: InvitationView[] = rows.slice(0, limit).map((row) => ({ ...row, status: invitationStatus(row, now) }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

/** Withdraws a pending invitation of this project (another project's id is NOT_FOUND). */
export async function revokeInvitation({ ctx, input }: { ctx: ProjectContext; input: { id: string } }): Promise<{ id: string }> {
  const event = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select(invitationColumns)
      .from(invitations)
      .where(and(eq(invitations.id, input.id), eq(invitations.projectId, ctx.project.id)))
      .for('update');
    if (!row) throw new NotFoundError('Invitation');
    const status = invitationStatus(row);
    if (status !== 'expired') assertPending(status);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, row.id));
    return recordEvent(tx, {
      projectId: ctx.project.id,
      actorId: ctx.auth.user.id,
      entityType: 'invitation',
      entityId: row.id,
      action: 'status_changed',
      diff: { status: { from: status, to: 'revoked' } },
    });
  });
  await publishEvents(ctx.bus, [event]);
  return { id: input.id };
}
