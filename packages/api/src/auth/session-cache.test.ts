import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';
import type { SessionLookupRow } from './session-lookup';

const TTL = 1_000;
const PROJECT = 'project-1';

function row(sessionId: string, userId: string, role: SessionLookupRow['role'] = null): SessionLookupRow {
  const now = new Date();
  return {
    session: { id: sessionId, userId, secretHash: 'h', userAgent: null, ipAddress: null, createdAt: now, lastActiveAt: now, expiresAt: now },
    user: { id: userId, email: `${userId}@example.test`, name: userId, avatarUrl: null, emailVerifiedAt: null },
    role,
    archivedAt: null,
  };
}

function followingCache(options: { maxSessions?: number } = {}) {
  const clock = { now: 0 };
  const cache = new SessionCache({ ttlMs: TTL, clock: () => clock.now, ...options });
  cache.setFollowing(true);
  const remember = (value: SessionLookupRow, projectId?: string) => cache.remember(cache.readStarted(), value, projectId);
  return { cache, clock, remember };
}

describe('session cache', () => {
  it('answers for a row within its TTL and not after', () => {
    const { cache, clock, remember } = followingCache();
    remember(row('s1', 'u1'));
    clock.now = TTL - 1;
    expect(cache.lookUp('s1', undefined)?.user.id).toBe('u1');
    clock.now = TTL;
    expect(cache.lookUp('s1', undefined)).toBeUndefined();
  });

  it('answers for a membership only in the project read, and never stores a non-membership', () => {
    const { cache, remember } = followingCache();
    remember(row('s1', 'u1', 'admin'), PROJECT);
    expect(cache.lookUp('s1', PROJECT)?.role).toBe('admin');
    expect(cache.lookUp('s1', 'project-2')).toBeUndefined();
    remember(row('s1', 'u1', null), 'project-2');
    expect(cache.lookUp('s1', 'project-2')).toBeUndefined();
    // A later read without the membership (the member was removed) drops the stored one.
    remember(row('s1', 'u1', null), PROJECT);
    expect(cache.lookUp('s1', PROJECT)).toBeUndefined();
  });

  it('keeps each membership to its own TTL when the session is read again', () => {
    const { cache, clock, remember } = followingCache();
    remember(row('s1', 'u1', 'member'), PROJECT);
    clock.now = TTL - 10;
    remember(row('s1', 'u1'));
    clock.now = TTL;
    expect(cache.lookUp('s1', undefined)).toBeDefined();
    expect(cache.lookUp('s1', PROJECT)).toBeUndefined();
  });

  it('does not store a read that started before a change was forgotten', () => {
    const { cache } = followingCache();
    const mark = cache.readStarted();
    cache.forget({ userId: 'someone-else' });
    cache.remember(mark, row('s1', 'u1', 'owner'), PROJECT);
    expect(cache.size).toBe(0);
  });

  it('stores nothing until it follows the bus, and empties when it stops', () => {
    const cache = new SessionCache({ ttlMs: TTL, clock: () => 0 });
    cache.remember(cache.readStarted(), row('s1', 'u1'), undefined);
    expect(cache.size).toBe(0);
    cache.setFollowing(true);
    cache.remember(cache.readStarted(), row('s1', 'u1'), undefined);
    expect(cache.size).toBe(1);
    cache.setFollowing(false);
    expect(cache.lookUp('s1', undefined)).toBeUndefined();
  });

  it("forgets a user's sessions, or one project's memberships, and nothing else", () => {
    const { cache, remember } = followingCache();
    remember(row('s1', 'u1', 'owner'), PROJECT);
    remember(row('s2', 'u1', 'owner'), PROJECT);
    remember(row('s3', 'u2', 'member'), PROJECT);
    remember(row('s3', 'u2', 'viewer'), 'project-2');
    cache.forget({ userId: 'u1' });
    expect(cache.lookUp('s1', undefined)).toBeUndefined();
    expect(cache.lookUp('s2', undefined)).toBeUndefined();
    expect(cache.lookUp('s3', PROJECT)?.role).toBe('member');
    cache.forget({ projectId: PROJECT });
    expect(cache.lookUp('s3', PROJECT)).toBeUndefined();
    expect(cache.lookUp('s3', 'project-2')?.role).toBe('viewer');
  });

  it('keeps at most maxSessions, letting go of the least recently read', () => {
    const { cache, remember } = followingCache({ maxSessions: 2 });
    remember(row('s1', 'u1'));
    remember(row('s2', 'u2'));
    remember(row('s1', 'u1'));
    remember(row('s3', 'u3'));
    expect(cache.size).toBe(2);
    expect(cache.lookUp('s2', undefined)).toBeUndefined();
    expect(cache.lookUp('s1', undefined)).toBeDefined();
  });
});
