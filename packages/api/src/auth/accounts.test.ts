import { createTestDb } from '@devmentor/db/testing';
import { count, eq, outboxEmails, sessions, users, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryBus } from '../bus';
import { callerFor, createTestProject, createTestServices } from '../testing';
import type { AppServices, Auth } from '../trpc/context';
import { resolveAuth } from './resolve-auth';
import { validateSessionToken } from './sessions.service';

const PASSWORD = 'correct horse battery staple';

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const details = error.cause && 'details' in error.cause ? (error.cause as { details?: unknown }).details : undefined;
    return { code: error.code, message: error.message, details: details ?? null };
  }
  throw new Error('expected the call to fail');
}

/** A caller as the HTTP server builds it: optional session token, and captured response headers. */
function client(services: AppServices, options: { auth?: Auth | null; ip?: string } = {}) {
  const headers: [string, string][] = [];
  const api = callerFor(services, null, {
    auth: options.auth ?? null,
    ip: options.ip ?? '10.0.0.1',
    setResponseHeader: (name, value) => void headers.push([name.toLowerCase(), value]),
  });
  return { api, headers, cookie: () => headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value).at(-1) };
}

async function signedIn(services: AppServices, token: string): Promise<Auth> {
  const auth = await resolveAuth(services.db, token, 'bearer');
  if (!auth) throw new Error('token does not resolve');
  return auth;
}

async function mailsTo(services: AppServices, to: string, kind: string) {
  const rows = await services.db.select().from(outboxEmails).where(eq(outboxEmails.to, to));
  return rows.filter((row) => row.kind === kind);
}

let emailCounter = 0;
const freshEmail = () => `person-${Date.now()}-${emailCounter++}@example.test`;

describe('accounts', () => {
  let handle: DbHandle;
  let services: AppServices;
  const published: { channel: string; payload: unknown }[] = [];

  beforeAll(async () => {
    handle = await createTestDb();
    const bus = createMemoryBus();
    const publish = bus.publish.bind(bus);
    bus.publish = async (channel, payload) => {
      published.push({ channel, payload });
      await publish(channel, payload);
    };
    services = createTestServices(handle, { bus, env: { AUTH_SLOWDOWN_MS: '0' } });
  });
  afterAll(async () => {
    await handle.close();
  });

  const userCount = async () => (await services.db.select({ n: count() }).from(users))[0]!.n;
  const revokedOn = (userId: string) =>
    published.filter((entry) => entry.channel === `user:${userId}`).map((entry) => (entry.payload as { sessionId: string }).sessionId);

  describe('register', () => {
    it('creates the account, signs it in with a cookie and the token, and mails a verification link', async () => {
      const email = freshEmail();
      const { api, cookie } = client(services);
      const result = await api.auth.register({ email: `  ${email.toUpperCase()} `, password: PASSWORD, name: ' Ada ' });
      expect(result.user).toMatchObject({ email, name: 'Ada', emailVerified: false, hasPassword: true });
      expect((await validateSessionToken(services.db, result.token))?.user.id).toBe(result.user.id);
      expect(cookie()).toMatch(new RegExp(`^dm_session=${encodeURIComponent(result.token).replace('.', '\\.')}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
      const [row] = await services.db.select().from(users).where(eq(users.id, result.user.id));
      expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await vi.waitFor(async () => expect(await mailsTo(services, email, 'verify_email')).toHaveLength(1));
    });

    it.each([
      ['malformed email', { email: 'not-an-email', password: PASSWORD, name: 'A' }],
      ['empty email', { email: '', password: PASSWORD, name: 'A' }],
      ['huge email', { email: `${'a'.repeat(250)}@example.test`, password: PASSWORD, name: 'A' }],
      ['empty name', { email: 'x@example.test', password: PASSWORD, name: '   ' }],
      ['huge name', { email: 'x@example.test', password: PASSWORD, name: 'n'.repeat(101) }],
      ['short password', { email: 'x@example.test', password: 'short1!', name: 'A' }],
      ['overlong password', { email: 'x@example.test', password: 'p'.repeat(129), name: 'A' }],
      ['huge password', { email: 'x@example.test', password: 'p'.repeat(100_000), name: 'A' }],
      ['common password', { email: 'x@example.test', password: 'qwertyuiop', name: 'A' }],
      ['password equal to the email', { email: 'longlocalpart@example.test', password: 'longlocalpart', name: 'A' }],
    ])('refuses %s with BAD_REQUEST and writes nothing', async (_label, input) => {
      const before = await userCount();
      expect((await failure(client(services).api.auth.register(input))).code).toBe('BAD_REQUEST');
      expect(await userCount()).toBe(before);
    });

    it('accepts a 128-character passphrase', async () => {
      const result = await client(services).api.auth.register({ email: freshEmail(), password: 'Long pass '.repeat(12) + 'x'.repeat(8), name: 'L' });
      expect(result.token).toBeTruthy();
    });

    it('refuses a duplicate address with a generic error, no second account, and mails the owner', async () => {
      const email = freshEmail();
      await client(services).api.auth.register({ email, password: PASSWORD, name: 'First' });
      const before = await userCount();
      const { api, cookie } = client(services);
      const error = await failure(api.auth.register({ email: email.toUpperCase(), password: 'another fine passphrase', name: 'Second' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).not.toMatch(/exist|taken|registered/i);
      expect(cookie()).toBeUndefined();
      expect(await userCount()).toBe(before);
      await vi.waitFor(async () => expect(await mailsTo(services, email, 'already_registered')).toHaveLength(1));
    });
  });

  describe('login', () => {
    it('issues a new session token on every login', async () => {
      const email = freshEmail();
      await client(services).api.auth.register({ email, password: PASSWORD, name: 'L' });
      const first = client(services);
      const a = await first.api.auth.login({ email, password: PASSWORD });
      const b = await client(services).api.auth.login({ email, password: PASSWORD });
      expect(a.token).not.toBe(b.token);
      expect(first.cookie()).toContain('HttpOnly; SameSite=Lax');
      expect(a.user.email).toBe(email);
    });

    it('answers an unknown email, a wrong password and a password-less account identically', async () => {
      const email = freshEmail();
      await client(services).api.auth.register({ email, password: PASSWORD, name: 'L' });
      const [githubOnly] = await services.db.insert(users).values({ email: freshEmail(), name: 'G' }).returning();
      const wrong = await failure(client(services).api.auth.login({ email, password: 'wrong password here' }));
      const unknown = await failure(client(services).api.auth.login({ email: freshEmail(), password: 'wrong password here' }));
      const noPassword = await failure(client(services).api.auth.login({ email: githubOnly!.email, password: 'wrong password here' }));
      expect(wrong).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String), details: null });
      expect(unknown).toEqual(wrong);
      expect(noPassword).toEqual(wrong);
    });

    it('refuses malformed input with BAD_REQUEST', async () => {
      expect((await failure(client(services).api.auth.login({ email: 'nope', password: 'x' }))).code).toBe('BAD_REQUEST');
      expect((await failure(client(services).api.auth.login({ email: 'a@example.test', password: '' }))).code).toBe('BAD_REQUEST');
    });
  });

  describe('sessions', () => {
    it('lists my sessions marking the current one, revokes one, and refuses another user’s', async () => {
      const email = freshEmail();
      const reg = await client(services).api.auth.register({ email, password: PASSWORD, name: 'S' });
      const other = await client(services).api.auth.login({ email, password: PASSWORD });
      const stranger = await client(services).api.auth.register({ email: freshEmail(), password: PASSWORD, name: 'T' });
      const me = client(services, { auth: await signedIn(services, reg.token) });

      const list = await me.api.auth.sessions.list();
      expect(list.items).toHaveLength(2);
      expect(list.items.filter((item) => item.current).map((item) => item.id)).toEqual([reg.token.split('.')[0]]);

      const strangerSession = stranger.token.split('.')[0]!;
      expect((await failure(me.api.auth.sessions.revoke({ id: strangerSession }))).code).toBe('NOT_FOUND');
      expect(await validateSessionToken(services.db, stranger.token)).not.toBeNull();

      const otherId = other.token.split('.')[0]!;
      await me.api.auth.sessions.revoke({ id: otherId });
      expect(await validateSessionToken(services.db, other.token)).toBeNull();
      expect(revokedOn(reg.user.id)).toContain(otherId);
      expect(await validateSessionToken(services.db, reg.token)).not.toBeNull();
    });

    it('logout ends this session and clears the cookie; logout everywhere ends all', async () => {
      const email = freshEmail();
      const a = await client(services).api.auth.register({ email, password: PASSWORD, name: 'O' });
      const b = await client(services).api.auth.login({ email, password: PASSWORD });
      const c = await client(services).api.auth.login({ email, password: PASSWORD });

      const viaA = client(services, { auth: await signedIn(services, a.token) });
      await viaA.api.auth.logout();
      expect(viaA.cookie()).toMatch(/^dm_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
      expect(await validateSessionToken(services.db, a.token)).toBeNull();
      expect(await validateSessionToken(services.db, b.token)).not.toBeNull();
      expect(revokedOn(a.user.id)).toContain(a.token.split('.')[0]);

      const result = await client(services, { auth: await signedIn(services, b.token) }).api.auth.logoutEverywhere();
      expect(result.revoked).toBe(2);
      expect(await validateSessionToken(services.db, b.token)).toBeNull();
      expect(await validateSessionToken(services.db, c.token)).toBeNull();
      expect(revokedOn(a.user.id)).toEqual(expect.arrayContaining([b.token.split('.')[0], c.token.split('.')[0]]));
    });

    it('needs a signed-in caller', async () => {
      expect((await failure(client(services).api.auth.me())).code).toBe('UNAUTHORIZED');
      expect((await failure(client(services).api.auth.sessions.list())).code).toBe('UNAUTHORIZED');
      expect((await failure(client(services).api.auth.logoutEverywhere())).code).toBe('UNAUTHORIZED');
    });
  });

  describe('change password', () => {
    it('needs the current password, applies the policy, and ends the other sessions', async () => {
      const email = freshEmail();
      const a = await client(services).api.auth.register({ email, password: PASSWORD, name: 'C' });
      const b = await client(services).api.auth.login({ email, password: PASSWORD });
      const me = client(services, { auth: await signedIn(services, a.token) });

      expect((await failure(me.api.auth.changePassword({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' }))).code).toBe('FORBIDDEN');
      expect((await failure(me.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'password1' }))).code).toBe('BAD_REQUEST');
      expect(await validateSessionToken(services.db, b.token)).not.toBeNull();

      const result = await me.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
      expect(result.revokedSessions).toBe(1);
      expect(await validateSessionToken(services.db, b.token)).toBeNull();
      expect(await validateSessionToken(services.db, a.token)).not.toBeNull();
      expect(revokedOn(a.user.id)).toContain(b.token.split('.')[0]);
      expect((await failure(client(services).api.auth.login({ email, password: PASSWORD }))).code).toBe('UNAUTHORIZED');
      await client(services).api.auth.login({ email, password: 'a brand new passphrase' });
    });
  });

  describe('profile', () => {
    it('updates name, avatar and zod-validated preferences; rejects bad values without writing', async () => {
      const reg = await client(services).api.auth.register({ email: freshEmail(), password: PASSWORD, name: 'P' });
      const me = client(services, { auth: await signedIn(services, reg.token) });
      const updated = await me.api.auth.updateProfile({ name: 'Pat', avatarUrl: 'https://example.test/a.png', preferences: { theme: 'dark', timeZone: 'Europe/Paris' } });
      expect(updated).toMatchObject({ name: 'Pat', avatarUrl: 'https://example.test/a.png', preferences: { theme: 'dark', timeZone: 'Europe/Paris' } });

      for (const bad of [
        { preferences: { theme: 'neon' } },
        { preferences: { unknownKey: true } },
        { avatarUrl: 'javascript:alert(1)' },
        { name: '' },
        { name: 'x'.repeat(101) },
        {},
      ]) {
        expect((await failure(me.api.auth.updateProfile(bad as never))).code).toBe('BAD_REQUEST');
      }
      expect(await me.api.auth.me()).toMatchObject({ name: 'Pat', preferences: { theme: 'dark' } });
    });
  });

  describe('delete account', () => {
    it('refuses while the user owns projects, naming them, and deletes once they are gone', async () => {
      const email = freshEmail();
      const reg = await client(services).api.auth.register({ email, password: PASSWORD, name: 'D' });
      const other = await client(services).api.auth.login({ email, password: PASSWORD });
      const me = client(services, { auth: await signedIn(services, reg.token) });
      const owner = (await services.db.select().from(users).where(eq(users.id, reg.user.id)))[0]!;
      const project = await createTestProject(services, { ...owner });

      expect((await failure(me.api.auth.deleteAccount({ password: 'wrong password!' }))).code).toBe('FORBIDDEN');
      const refused = await failure(me.api.auth.deleteAccount({ password: PASSWORD }));
      expect(refused.code).toBe('PRECONDITION_FAILED');
      expect(refused.details).toEqual({ ownedProjects: [{ id: project.id, name: project.name }] });
      expect(await userCount()).toBeGreaterThan(0);
      expect(await validateSessionToken(services.db, other.token)).not.toBeNull();

      const { projects } = await import('@devmentor/db');
      await services.db.delete(projects).where(eq(projects.id, project.id));
      expect(await me.api.auth.deleteAccount({ password: PASSWORD })).toEqual({ deleted: true });
      expect(await services.db.select().from(users).where(eq(users.id, reg.user.id))).toHaveLength(0);
      expect(await services.db.select().from(sessions).where(eq(sessions.userId, reg.user.id))).toHaveLength(0);
      expect(revokedOn(reg.user.id)).toEqual(expect.arrayContaining([reg.token.split('.')[0], other.token.split('.')[0]]));
      expect(me.cookie()).toContain('Max-Age=0');
    });
  });

  describe('providers and the dev outbox', () => {
    it('reports password sign-in only when GitHub is not configured', async () => {
      expect(await client(services).api.auth.providers()).toEqual({ password: true, github: false, devOutbox: true });
    });

    it('lists the outbox outside production, and refuses in production', async () => {
      const list = await client(services).api.devOutbox.list({ limit: 5 });
      expect(list.items.length).toBeGreaterThan(0);
      const production = createTestServices(handle, { env: { NODE_ENV: 'production' } });
      expect((await failure(client(production).api.devOutbox.list({ limit: 5 }))).code).toBe('PRECONDITION_FAILED');
      expect((await client(production).api.auth.providers()).devOutbox).toBe(false);
    });
  });
});
