import { createTestDb } from '@devmentor/db/testing';
import { eq, sessions, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { credentialFromHeaders, resolveAuth } from './resolve-auth';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSessionToken,
} from './sessions.service';

describe('sessions', () => {
  let handle: DbHandle;
  let services: AppServices;
  let user: TestUser;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    user = await createTestUser(services);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('issues a fresh high-entropy token each time and stores only a hash of its secret', async () => {
    const a = await createSession(services.db, { userId: user.id });
    const b = await createSession(services.db, { userId: user.id });
    expect(a.token).not.toBe(b.token);
    const [id, secret] = a.token.split('.');
    expect(secret!.length * 5).toBeGreaterThanOrEqual(128);
    const [row] = await services.db.select().from(sessions).where(eq(sessions.id, id!));
    expect(row!.secretHash).not.toContain(secret!);
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await validateSessionToken(services.db, a.token))?.user.id).toBe(user.id);
  });

  it('rejects tampered, malformed and unknown tokens', async () => {
    const { token } = await createSession(services.db, { userId: user.id });
    const [id, secret] = token.split('.');
    const flipped = `${id}.${secret!.slice(0, -1)}${secret!.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [flipped, `${id}`, `${id}.${secret}.x`, 'nope.nope', '', 'x'.repeat(1000)]) {
      expect(await validateSessionToken(services.db, bad)).toBeNull();
    }
  });

  it('expires after inactivity and after the absolute lifetime, deleting the row', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const idle = await createSession(services.db, { userId: user.id, now: start });
    expect(await validateSessionToken(services.db, idle.token, new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS - 1000))).not.toBeNull();
    const later = new Date(start.getTime() + 2 * SESSION_IDLE_TIMEOUT_MS);
    expect(await validateSessionToken(services.db, idle.token, later)).toBeNull();
    expect(await services.db.select().from(sessions).where(eq(sessions.id, idle.sessionId))).toHaveLength(0);

    // Active every day, it still ends at the absolute lifetime.
    const busy = await createSession(services.db, { userId: user.id, now: start });
    let now = start.getTime();
    while (now < start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS - 24 * 3600 * 1000) {
      now += 24 * 3600 * 1000;
      expect(await validateSessionToken(services.db, busy.token, new Date(now))).not.toBeNull();
    }
    expect(await validateSessionToken(services.db, busy.token, new Date(start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS))).toBeNull();
  });

  it('invalidates one session, or all but the one kept', async () => {
    const a = await createSession(services.db, { userId: user.id });
    const b = await createSession(services.db, { userId: user.id });
    const c = await createSession(services.db, { userId: user.id });
    await invalidateSession(services.db, a.sessionId);
    expect(await validateSessionToken(services.db, a.token)).toBeNull();
    await invalidateUserSessions(services.db, user.id, c.sessionId);
    expect(await validateSessionToken(services.db, b.token)).toBeNull();
    expect(await validateSessionToken(services.db, c.token)).not.toBeNull();
  });

  it('reads the credential from a Bearer header first, then the session cookie', async () => {
    const { token } = await createSession(services.db, { userId: user.id });
    expect(credentialFromHeaders({ authorization: `Bearer ${token}` })).toBe(token);
    expect(credentialFromHeaders({ cookie: `theme=dark; dm_session=${encodeURIComponent(token)}` })).toBe(token);
    expect(credentialFromHeaders({})).toBeNull();
    expect((await resolveAuth(services.db, token))?.user.id).toBe(user.id);
    expect(await resolveAuth(services.db, null)).toBeNull();
  });
});
