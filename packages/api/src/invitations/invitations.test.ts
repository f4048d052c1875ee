import { createTestDb } from '@devmentor/db/testing';
import { and, eq, events, invitations, outboxEmails, projectMembers, users, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/session-token';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split('/').pop()!;

describe('invitations', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let admin: TestUser;
  let project: { id: string; name: string };
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    owner = await createTestUser(services, { name: 'Olivia Owner' });
    admin = await createTestUser(services, { name: 'Adam Admin' });
    project = await createTestProject(services, owner, [{ user: admin, role: 'admin' }], { name: 'Invite Target' });
  });
  afterAll(async () => {
    await handle.close();
  });

  async function invite(email: string, role: 'member' | 'viewer' | 'admin' | 'owner' = 'member', by: TestUser = admin) {
    const created = await callerFor(services, by).invitations.create({ projectId: project.id, email, role });
    return { ...created, token: tokenOf(created.inviteUrl) };
  }

  it('mails a link with a random token and stores only its hash, expiring in 7 days', async () => {
    const invitee = await createTestUser(services, { email: `Mixed.Case-${Date.now()}@Example.test` });
    const created = await invite(invitee.email.toUpperCase(), 'viewer');
    expect(created.emailSent).toBe(true);
    expect(created.token.length * 5).toBeGreaterThanOrEqual(128);
    const [row] = await services.db.select().from(invitations).where(eq(invitations.id, created.invitation.id));
    expect(row!.tokenHash).toBe(hashSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row!.email).toBe(invitee.email.toLowerCase());
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    const mails = await services.db.select().from(outboxEmails).where(eq(outboxEmails.to, invitee.email.toLowerCase()));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/invitations/${created.token}`);
    expect(mails[0]!.kind).toBe('invitation');
    const [event] = await services.db.select().from(events).where(and(eq(events.entityType, 'invitation'), eq(events.entityId, created.invitation.id)));
    expect(event).toMatchObject({ action: 'created', projectId: project.id });
    expect(JSON.stringify(event!.diff)).not.toContain(created.token);
  });

  it('previews by token, then accepts once (email matched case-insensitively)', async () => {
    const invitee = await createTestUser(services, { email: `accept-${Date.now()}@example.test` });
    const { token } = await invite(invitee.email.toUpperCase(), 'member');
    const preview = await callerFor(services, null).invitations.get({ token });
    expect(preview).toMatchObject({ projectName: 'Invite Target', role: 'member', inviterName: 'Adam Admin', status: 'pending' });
    expect((await callerFor(services, invitee).invitations.mine()).items.map((i) => i.projectId)).toEqual([project.id]);

    expect(await callerFor(services, invitee).invitations.accept({ token })).toEqual({ projectId: project.id, role: 'member' });
    const [membership] = await services.db
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, invitee.id)));
    expect(membership!.role).toBe('member');
    expect(await codeOf(callerFor(services, invitee).invitations.accept({ token }))).toBe('CONFLICT');
    expect(await codeOf(callerFor(services, invitee).invitations.decline({ token }))).toBe('CONFLICT');
    expect((await callerFor(services, null).invitations.get({ token })).status).toBe('accepted');
    expect((await callerFor(services, invitee).invitations.mine()).items).toEqual([]);
    const added = await services.db.select().from(events).where(and(eq(events.entityType, 'member'), eq(events.entityId, invitee.id)));
    expect(added).toMatchObject([{ action: 'added', projectId: project.id }]);
  });

  it('refuses a signed-in user with another email, and leaves the invitation usable', async () => {
    const invitee = await createTestUser(services);
    const intruder = await createTestUser(services);
    const { token } = await invite(invitee.email);
    expect(await codeOf(callerFor(services, intruder).invitations.accept({ token }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, intruder).invitations.decline({ token }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, null).invitations.accept({ token }))).toBe('UNAUTHORIZED');
    expect(await codeOf(callerFor(services, invitee).invitations.accept({ token }))).toBe('OK');
  });

  it('declines once; expired invitations give a clear PRECONDITION_FAILED', async () => {
    const decliner = await createTestUser(services);
    const { token } = await invite(decliner.email);
    await callerFor(services, decliner).invitations.decline({ token });
    expect(await codeOf(callerFor(services, decliner).invitations.accept({ token }))).toBe('CONFLICT');

    const late = await createTestUser(services);
    const expired = await invite(late.email);
    await services.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitation.id));
    try {
      await callerFor(services, late).invitations.accept({ token: expired.token });
      expect.unreachable();
    } catch (error) {
      expect((error as TRPCError).code).toBe('PRECONDITION_FAILED');
      expect(((error as TRPCError).cause as { details?: unknown }).details).toEqual({ reason: 'expired' });
    }
    expect((await callerFor(services, null).invitations.get({ token: expired.token })).status).toBe('expired');
    expect(await codeOf(callerFor(services, late).invitations.accept({ token: 'x'.repeat(32) }))).toBe('NOT_FOUND');
  });

  it('accepts by id from my list only with a verified email', async () => {
    const unverified = await createTestUser(services);
    await services.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified.id));
    const created = await invite(unverified.email);
    const api = callerFor(services, { ...unverified, emailVerifiedAt: null });
    expect(await codeOf(api.invitations.accept({ id: created.invitation.id }))).toBe('FORBIDDEN');
    expect(await codeOf(api.invitations.accept({ token: created.token }))).toBe('OK');
    const verified = await createTestUser(services);
    const second = await invite(verified.email, 'viewer');
    expect(await callerFor(services, verified).invitations.accept({ id: second.invitation.id })).toEqual({ projectId: project.id, role: 'viewer' });
  });

  it('admins list and revoke; a revoked or replaced invitation cannot be used', async () => {
    const invitee = await createTestUser(services);
    const first = await invite(invitee.email);
    const second = await invite(invitee.email, 'viewer');
    expect(await codeOf(callerFor(services, invitee).invitations.accept({ token: first.token }))).toBe('CONFLICT');
    const listed = await callerFor(services, admin).invitations.list({ projectId: project.id });
    expect(listed.items.find((i) => i.id === first.invitation.id)?.status).toBe('revoked');
    expect(listed.items.find((i) => i.id === second.invitation.id)).toMatchObject({ status: 'pending', inviterName: 'Adam Admin' });
    expect(JSON.stringify(listed)).not.toContain(second.token);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callerFor(services, admin).invitations.list({ projectId: project.id, limit: 2, ...(cursor ? { cursor } : {}) });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(listed.items.map((i) => i.id));
    await callerFor(services, admin).invitations.revoke({ projectId: project.id, id: second.invitation.id });
    expect(await codeOf(callerFor(services, admin).invitations.revoke({ projectId: project.id, id: second.invitation.id }))).toBe('CONFLICT');
    expect(await codeOf(callerFor(services, invitee).invitations.accept({ token: second.token }))).toBe('CONFLICT');
  });

  it('only owners invite owners; members cannot invite; existing members are a CONFLICT; bad input is BAD_REQUEST', async () => {
    const member = await createTestUser(services);
    await services.db.insert(projectMembers).values({ projectId: project.id, userId: member.id, role: 'member' });
    expect(await codeOf(callerFor(services, admin).invitations.create({ projectId: project.id, email: 'boss@example.test', role: 'owner' }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, owner).invitations.create({ projectId: project.id, email: 'boss@example.test', role: 'owner' }))).toBe('OK');
    expect(await codeOf(callerFor(services, member).invitations.create({ projectId: project.id, email: 'x@example.test', role: 'viewer' }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, member).invitations.list({ projectId: project.id }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, admin).invitations.create({ projectId: project.id, email: member.email.toUpperCase(), role: 'viewer' }))).toBe('CONFLICT');
    for (const input of [
      { email: 'not-an-email', role: 'member' },
      { email: `${'a'.repeat(250)}@example.test`, role: 'member' },
      { email: 'ok@example.test', role: 'superuser' },
    ]) {
      expect(await codeOf(callerFor(services, admin).invitations.create({ projectId: project.id, ...(input as { email: string; role: 'member' }) }))).toBe('BAD_REQUEST');
    }
    expect(await codeOf(callerFor(services, null).invitations.get({ token: 'short' }))).toBe('BAD_REQUEST');
  });

  it('another project’s invitation id is NOT_FOUND on revoke', async () => {
    const otherOwner = await createTestUser(services);
    const otherProject = await createTestProject(services, otherOwner);
    const theirs = await callerFor(services, otherOwner).invitations.create({ projectId: otherProject.id, email: 'them@example.test', role: 'member' });
    expect(await codeOf(callerFor(services, admin).invitations.revoke({ projectId: project.id, id: theirs.invitation.id }))).toBe('NOT_FOUND');
    const [row] = await services.db.select().from(invitations).where(eq(invitations.id, theirs.invitation.id));
    expect(row!.revokedAt).toBeNull();
  });
});
