import { and, asc, eq, projectMembers, sql, users, type SQL } from '@devmentor/db';
import { announceAuthChange } from '../auth/auth-changes';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { publishEvents, recordEvent, type DbOrTx, type ProjectEvent } from '../events/project-events';
import type { ProjectContext } from '../projects/service-context';
import { syncPrimaryOwner } from '../projects/primary-owner';
import type { ProjectRole } from '../trpc/procedures';
import type { ChangeRoleInput, ListMembersInput } from './members.schemas';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: ProjectRole;
  joinedAt: Date;
}

function decodeCursor(raw: string): { joinedAt: Date; userId: string } {
  const [time, userId] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const joinedAt = new Date(time ?? '');
  if (!userId || !/^[0-9a-f-]{36}$/.test(userId) || Number.isNaN(joinedAt.getTime())) throw new ValidationError('Invalid cursor');
  return { joinedAt, userId };
}

/** The project's members in the order they joined, with name, email and avatar. */
export async function listMembers({ ctx, input }: { ctx: ProjectContext; input: ListMembersInput }) {
  const limit = input.limit ?? 100;
  // Cursors carry milliseconds; PostgreSQL keeps microseconds, so order and compare at ms precision.
  const joined = sql`date_trunc('milliseconds', ${projectMembers.createdAt})`;
  const conditions: (SQL | undefined)[] = [eq(projectMembers.projectId, ctx.project.id)];
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    const at = sql`${after.joinedAt.toISOString()}::timestamptz`;
    conditions.push(sql`(${joined} > ${at} or (${joined} = ${at} and ${projectMembers.userId} > ${after.userId}))`);
  }
  const rows: MemberView[] = await ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, role: projectMembers.role, joinedAt: projectMembers.createdAt })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(...conditions))
    .orderBy(asc(joined), asc(projectMembers.userId))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.joinedAt.toISOString()}|${last.userId}`).toString('base64url') : null,
  };
}

/** Locks the project's memberships (so two owners cannot demote each other at once) and returns the target's. */
async function lockMemberships(tx: DbOrTx, projectId: string, userId: string) {
  const rows = await tx
    .select({ userId: projectMembers.userId, role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.projectId, projectId))
    .for('update');
  const target = rows.find((row) => row.userId === userId);
  if (!target) throw new NotFoundError('Member');
  return { target, owners: rows.filter((row) => row.role === 'owner').length };
}

function assertKeepsAnOwner(owners: number, targetRole: ProjectRole) {
  if (targetRole === 'owner' && owners <= 1) {
    throw new ConflictError('A project must keep at least one owner: make someone else owner first', { reason: 'last_owner' });
  }
}

async function primaryOwnerEvent(tx: DbOrTx, ctx: ProjectContext): Promise<ProjectEvent[]> {
  const moved = await syncPrimaryOwner(tx, ctx.project.id);
  if (!moved) return [];
  return [await recordEvent(tx, { projectId: ctx.project.id, actorId: ctx.auth.user.id, entityType: 'project', entityId: ctx.project.id, action: 'updated', diff: { ownerId: moved } })];
}

/** Admins change roles; granting or taking away `owner` needs an owner; the last owner cannot be demoted. */
export async function changeMemberRole({ ctx, input }: { ctx: ProjectContext; input: ChangeRoleInput }): Promise<MemberView> {
  const projectId = ctx.project.id;
  const events = await ctx.db.transaction(async (tx) => {
    const { target, owners } = await lockMemberships(tx, projectId, input.userId);
    if (target.role === input.role) return [];
    if ((target.role === 'owner' || input.role === 'owner') && ctx.project.role !== 'owner') {
      throw new ForbiddenError('Only an owner can grant or take away the owner role');
    }
    assertKeepsAnOwner(owners, target.role);
    await tx
      .update(projectMembers)
      .set({ role: input.role })
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, input.userId)));
    const changed = await recordEvent(tx, {
      projectId,
      actorId: ctx.auth.user.id,
      entityType: 'member',
      entityId: input.userId,
      action: 'role_changed',
      diff: { role: { from: target.role, to: input.role } },
    });
    return [changed, ...(await primaryOwnerEvent(tx, ctx))];
  });
  await publishEvents(ctx.bus, events);
  await announceAuthChange(ctx, { projectId });
  const member = (await listMembersById(ctx, input.userId))[0];
  if (!member) throw new NotFoundError('Member');
  return member;
}

async function listMembersById(ctx: ProjectContext, userId: string): Promise<MemberView[]> {
  return ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, role: projectMembers.role, joinedAt: projectMembers.createdAt })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, ctx.project.id), eq(projectMembers.userId, userId)));
}

/**
 * Removes a membership and writes a `member`/`removed` event whose entityId is the user id (live
 * streams end that user's subscription on it). Only an owner removes an owner; never the last one.
 */
async function removeMembership(ctx: ProjectContext, userId: string, reason: 'removed' | 'left'): Promise<void> {
  const projectId = ctx.project.id;
  const events = await ctx.db.transaction(async (tx) => {
    const { target, owners } = await lockMemberships(tx, projectId, userId);
    if (reason === 'removed' && target.role === 'owner' && ctx.project.role !== 'owner') {
      throw new ForbiddenError('Only an owner can remove an owner');
    }
    assertKeepsAnOwner(owners, target.role);
    await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    const removed = await recordEvent(tx, {
      projectId,
      actorId: ctx.auth.user.id,
      entityType: 'member',
      entityId: userId,
      action: 'removed',
      diff: { userId, role: target.role, reason },
    });
    return [removed, ...(await primaryOwnerEvent(tx, ctx))];
  });
  await publishEvents(ctx.bus, events);
  await announceAuthChange(ctx, { projectId });
}

export async function removeMember({ ctx, input }: { ctx: ProjectContext; input: { userId: string } }): Promise<{ userId: string }> {
  await removeMembership(ctx, input.userId, input.userId === ctx.auth.user.id ? 'left' : 'removed');
  return { userId: input.userId };
}

/** The caller leaves the project; the last owner must hand ownership over first. */
export async function leaveProject({ ctx }: { ctx: ProjectContext }): Promise<{ userId: string }> {
  await removeMembership(ctx, ctx.auth.user.id, 'left');
  return { userId: ctx.auth.user.id };
}
