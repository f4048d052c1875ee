import { createTestDb } from '@devmentor/db/testing';
import { apiKeys, eq, projects, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth } from '../auth/resolve-auth';
import { createCaller } from '../root';
import { callerFor, contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { validateApiKey } from './validate-api-key';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

describe('API keys', () => {
  let handle: DbHandle;
  let services: AppServices;
  let alice: TestUser;
  let mine: { id: string };
  let other: { id: string };
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    alice = await createTestUser(services);
    const bob = await createTestUser(services);
    mine = await createTestProject(services, alice, [], { name: 'Mine' });
    other = await createTestProject(services, alice, [], { name: 'Other' });
    await createTestProject(services, bob, [], { name: 'Bobs' });
  });
  afterAll(async () => {
    await handle.close();
  });

  const session = () => callerFor(services, alice);
  /** A caller authenticated exactly as the server would: the key goes through resolveAuth. */
  async function keyCaller(token: string) {
    const auth = await resolveAuth(services.db, token);
    return createCaller(contextFor(services, null, { auth }));
  }

  it('shows the key once, in the dm_key_<id>.<secret> form, and stores only a SHA-256 of the secret', async () => {
    const { apiKey, token } = await session().apiKeys.create({ name: 'CI', scopes: ['read', 'write', 'read'] });
    expect(token).toMatch(/^dm_key_[a-z2-7]+\.[a-z2-7]{32}$/);
    expect(apiKey.scopes).toEqual(['read', 'write']);
    const secret = token.split('.')[1]!;
    const [row] = await services.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await session().apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toContain(row!.secretHash);
    expect(listed.items.find((k) => k.id === apiKey.id)).toMatchObject({ name: 'CI', prefix: `dm_key_${apiKey.id}`, revokedAt: null });
  });

  it('works as a Bearer credential with the user’s own permissions', async () => {
    const { token } = await session().apiKeys.create({ name: 'full', scopes: ['read', 'write'] });
    const api = await keyCaller(token);
    expect((await api.projects.list()).items.map((p) => p.name).sort()).toEqual(['Mine', 'Other']);
    expect((await api.projects.update({ id: mine.id, version: 1, description: 'via key' })).description).toBe('via key');
  });

  it('a read-only key cannot call mutations', async () => {
    const { token } = await session().apiKeys.create({ name: 'reader', scopes: ['read'] });
    const api = await keyCaller(token);
    expect(await codeOf(api.projects.get({ id: other.id }))).toBe('OK');
    expect(await codeOf(api.projects.update({ id: other.id, version: 1, name: 'nope' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.projects.create({ name: 'nope' }))).toBe('FORBIDDEN');
    const [row] = await services.db.select().from(projects).where(eq(projects.id, other.id));
    expect(row!.name).toBe('Other');
  });

  it('a project-restricted key sees other projects as NOT_FOUND and cannot act beyond its project', async () => {
    const { token } = await session().apiKeys.create({ name: 'scoped', scopes: ['read', 'write'], projectId: mine.id });
    const api = await keyCaller(token);
    expect((await api.projects.list({ includeArchived: true })).items.map((p) => p.id)).toEqual([mine.id]);
    expect(await codeOf(api.projects.get({ id: mine.id }))).toBe('OK');
    expect(await codeOf(api.projects.get({ id: other.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.members.list({ projectId: other.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.projects.create({ name: 'escape' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.invitations.mine())).toBe('FORBIDDEN');
    // Notifications span every project of the user, so a restricted key cannot read them.
    expect(await codeOf(api.notifications.list({}))).toBe('FORBIDDEN');
  });

  it('cannot be restricted to a project the user is not in', async () => {
    const stranger = await createTestUser(services);
    expect(await codeOf(callerFor(services, stranger).apiKeys.create({ name: 'x', scopes: ['read'], projectId: mine.id }))).toBe('NOT_FOUND');
  });

  it('an API key cannot create, list or revoke API keys', async () => {
    const { apiKey, token } = await session().apiKeys.create({ name: 'admin-ish', scopes: ['read', 'write'] });
    const api = await keyCaller(token);
    expect(await codeOf(api.apiKeys.create({ name: 'child', scopes: ['read'] }))).toBe('FORBIDDEN');
    expect(await codeOf(api.apiKeys.list())).toBe('FORBIDDEN');
    expect(await codeOf(api.apiKeys.revoke({ id: apiKey.id }))).toBe('FORBIDDEN');
  });

  it('an API key cannot manage sessions, the password or the account', async () => {
    const { token } = await session().apiKeys.create({ name: 'no sessions', scopes: ['read', 'write'] });
    const api = await keyCaller(token);
    expect(await codeOf(api.auth.sessions.list())).toBe('FORBIDDEN');
    expect(await codeOf(api.auth.sessions.revoke({ id: 'some-session' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.auth.logoutEverywhere())).toBe('FORBIDDEN');
    expect(await codeOf(api.auth.changePassword({ currentPassword: 'whatever-123', newPassword: 'another-secret-456' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.auth.deleteAccount({ password: 'whatever-123' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.auth.me())).toBe('OK');
  });

  it('revoked, expired, tampered and unknown keys are UNAUTHORIZED', async () => {
    const revoked = await session().apiKeys.create({ name: 'revoke me', scopes: ['read'] });
    expect(await codeOf((await keyCaller(revoked.token)).projects.list())).toBe('OK');
    await session().apiKeys.revoke({ id: revoked.apiKey.id });
    await session().apiKeys.revoke({ id: revoked.apiKey.id });
    expect(await codeOf((await keyCaller(revoked.token)).projects.list())).toBe('UNAUTHORIZED');

    const soon = new Date(Date.now() + 60_000);
    const expiring = await session().apiKeys.create({ name: 'short', scopes: ['read'], expiresAt: soon.toISOString() });
    expect(await validateApiKey(services.db, expiring.token, new Date(soon.getTime() - 1000))).not.toBeNull();
    expect(await validateApiKey(services.db, expiring.token, new Date(soon.getTime() + 1000))).toBeNull();
    // A connection authenticated before expiry loses access once the key expires.
    const auth = await resolveAuth(services.db, expiring.token);
    const stale = createCaller(contextFor(services, null, { auth: { ...auth!, apiKey: { ...auth!.apiKey!, expiresAt: new Date(Date.now() - 1) } } }));
    expect(await codeOf(stale.projects.list())).toBe('UNAUTHORIZED');

    // A WebSocket connection resolved its key at the handshake; revoking it ends access on that connection.
    const wsKey = await session().apiKeys.create({ name: 'socket', scopes: ['read'] });
    const socket = createCaller(contextFor(services, null, { auth: await resolveAuth(services.db, wsKey.token, 'connection') }));
    expect(await codeOf(socket.projects.list())).toBe('OK');
    await session().apiKeys.revoke({ id: wsKey.apiKey.id });
    expect(await codeOf(socket.projects.list())).toBe('UNAUTHORIZED');

    const good = await session().apiKeys.create({ name: 'good', scopes: ['read'] });
    const [prefix, secret] = good.token.split('.');
    const flipped = `${prefix}.${secret!.slice(0, -1)}${secret!.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [flipped, `${prefix}`, `${good.token}.x`, 'dm_key_unknown.secret', `dm_key_${'x'.repeat(300)}.y`]) {
      expect(await resolveAuth(services.db, bad)).toBeNull();
      expect(await codeOf((await keyCaller(bad)).projects.list())).toBe('UNAUTHORIZED');
    }
  });

  it('rejects past expiry dates, bad scopes and huge names', async () => {
    const api = session();
    expect(await codeOf(api.apiKeys.create({ name: 'old', scopes: ['read'], expiresAt: '2000-01-01T00:00:00Z' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.apiKeys.create({ name: 'x', scopes: ['admin' as never] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.apiKeys.create({ name: 'x', scopes: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.apiKeys.create({ name: 'x'.repeat(101), scopes: ['read'] }))).toBe('BAD_REQUEST');
  });

  it('records lastUsedAt, throttled', async () => {
    const { apiKey, token } = await session().apiKeys.create({ name: 'usage', scopes: ['read'] });
    const t0 = new Date('2030-01-01T00:00:00Z');
    await validateApiKey(services.db, token, t0);
    await validateApiKey(services.db, token, new Date(t0.getTime() + 60_000));
    const [row] = await services.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await validateApiKey(services.db, token, new Date(t0.getTime() + 10 * 60_000));
    const [later] = await services.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(later!.lastUsedAt!.getTime()).toBe(t0.getTime() + 10 * 60_000);
  });

  it('another user’s key id is NOT_FOUND on revoke', async () => {
    const { apiKey } = await session().apiKeys.create({ name: 'private', scopes: ['read'] });
    const eve = await createTestUser(services);
    expect(await codeOf(callerFor(services, eve).apiKeys.revoke({ id: apiKey.id }))).toBe('NOT_FOUND');
    const [row] = await services.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.revokedAt).toBeNull();
  });
});
