import { createTestDb } from '@devmentor/db/testing';
import { eq, githubAccounts, users, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createTestServices, createTestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import type { GitHubOAuth, GitHubUser } from './github-oauth';
import { completeGitHubSignIn, startGitHubSignIn, type GitHubCallbackInput } from './github-signin';
import { validateSessionToken } from './sessions.service';
import { decryptSecret, encryptSecret } from './token-crypto';

/** Stands in for github.com (no network here): codes map to users, every call is recorded. */
function fakeGitHub(people: Record<string, GitHubUser>) {
  const calls: string[] = [];
  const github: GitHubOAuth = {
    encryptionKey: Buffer.alloc(32, 7),
    authorizationUrl: (state, verifier) => new URL(`https://github.test/authorize?state=${state}&challenge_of=${verifier.length}`),
    async exchangeCode(code, verifier) {
      calls.push(`exchange:${code}:${verifier}`);
      if (!people[code]) throw new Error('bad code');
      return { accessToken: `gho_secret_for_${code}`, scopes: ['read:user'] };
    },
    async fetchUser(accessToken) {
      calls.push(`user:${accessToken}`);
      return people[accessToken.replace('gho_secret_for_', '')]!;
    },
  };
  return { github, calls };
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('GitHub sign-in', () => {
  let handle: DbHandle;
  let services: AppServices;
  let fake: ReturnType<typeof fakeGitHub>;
  const octo: GitHubUser = { id: 1001, login: 'octo', name: 'Octo Cat', avatarUrl: 'https://avatars.test/1', verifiedEmail: 'Octo@Example.test' };
  const hubot: GitHubUser = { id: 1002, login: 'hubot', name: null, avatarUrl: null, verifiedEmail: null };
  const taken: GitHubUser = { id: 1003, login: 'taken', name: 'T', avatarUrl: null, verifiedEmail: 'taken@example.test' };

  beforeAll(async () => {
    handle = await createTestDb();
    fake = fakeGitHub({ octo, hubot, taken, linker: { id: 1004, login: 'linker', name: 'L', avatarUrl: null, verifiedEmail: null } });
    services = { ...createTestServices(handle), github: fake.github };
  });
  afterAll(async () => {
    await handle.close();
  });

  const callback = (overrides: Partial<GitHubCallbackInput>): GitHubCallbackInput => ({
    code: 'octo',
    state: 'state-1',
    expectedState: 'state-1',
    codeVerifier: 'verifier-1',
    currentUserId: null,
    userAgent: 'vitest',
    ip: '127.0.0.1',
    ...overrides,
  });

  it('is off without configuration: PRECONDITION_FAILED', async () => {
    const off = createTestServices(handle);
    expect(() => startGitHubSignIn(off)).toThrowError(expect.objectContaining({ code: 'PRECONDITION_FAILED' }));
    expect((await appErrorOf(completeGitHubSignIn(off, callback({})))).code).toBe('PRECONDITION_FAILED');
  });

  it('starts with a fresh state and PKCE verifier each time', () => {
    const a = startGitHubSignIn(services);
    const b = startGitHubSignIn(services);
    expect(a.state).not.toBe(b.state);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    expect(a.url).toContain(`state=${a.state}`);
  });

  it.each([
    ['a wrong state', { state: 'state-2' }],
    ['a missing state', { state: null }],
    ['a missing state cookie', { expectedState: null }],
    ['a missing verifier', { codeVerifier: null }],
  ])('rejects %s before contacting GitHub', async (_label, overrides) => {
    const before = fake.calls.length;
    const error = await appErrorOf(completeGitHubSignIn(services, callback(overrides)));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details).toEqual({ reason: 'oauth_state' });
    expect(fake.calls.length).toBe(before);
  });

  it('creates the account on first sign-in, storing the token encrypted, then signs the same account in', async () => {
    const first = await completeGitHubSignIn(services, callback({}));
    expect(first.outcome).toBe('created');
    expect(fake.calls).toContain('exchange:octo:verifier-1');
    const [user] = await services.db.select().from(users).where(eq(users.id, first.userId));
    expect(user).toMatchObject({ email: 'octo@example.test', name: 'Octo Cat', passwordHash: null });
    expect(user!.emailVerifiedAt).not.toBeNull();
    const [link] = await services.db.select().from(githubAccounts).where(eq(githubAccounts.userId, first.userId));
    expect(link!.accessTokenEncrypted).not.toContain('gho_secret_for_octo');
    expect(decryptSecret(fake.github.encryptionKey, link!.accessTokenEncrypted)).toBe('gho_secret_for_octo');
    if (first.outcome !== 'created') throw new Error('unreachable');
    expect((await validateSessionToken(services.db, first.session.token))?.user.id).toBe(first.userId);

    const again = await completeGitHubSignIn(services, callback({}));
    expect(again).toMatchObject({ outcome: 'signed_in', userId: first.userId });
  });

  it('uses a placeholder address when GitHub has no verified email, leaving it unverified', async () => {
    const result = await completeGitHubSignIn(services, callback({ code: 'hubot' }));
    const [user] = await services.db.select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: '1002+hubot@users.noreply.github.com', name: 'hubot', emailVerifiedAt: null });
  });

  it('does not silently take over an existing account with the same email', async () => {
    const existing = await createTestUser(services, { email: 'taken@example.test' });
    const error = await appErrorOf(completeGitHubSignIn(services, callback({ code: 'taken' })));
    expect(error.code).toBe('CONFLICT');
    expect(await services.db.select().from(githubAccounts).where(eq(githubAccounts.userId, existing.id))).toHaveLength(0);
  });

  it('links GitHub to the signed-in user, and refuses a GitHub account linked to someone else', async () => {
    const me = await createTestUser(services);
    expect(await completeGitHubSignIn(services, callback({ code: 'linker', currentUserId: me.id }))).toEqual({ outcome: 'linked', userId: me.id });
    expect((await completeGitHubSignIn(services, callback({ code: 'linker' }))).userId).toBe(me.id);

    const someoneElse = await createTestUser(services);
    const error = await appErrorOf(completeGitHubSignIn(services, callback({ code: 'linker', currentUserId: someoneElse.id })));
    expect(error.code).toBe('CONFLICT');
    expect(await services.db.select().from(githubAccounts).where(eq(githubAccounts.userId, someoneElse.id))).toHaveLength(0);
  });
});

describe('token encryption', () => {
  it('round-trips, uses a fresh IV each time, and refuses tampering or another key', () => {
    const key = Buffer.alloc(32, 1);
    const a = encryptSecret(key, 'gho_token');
    const b = encryptSecret(key, 'gho_token');
    expect(a).not.toBe(b);
    expect(decryptSecret(key, a)).toBe('gho_token');
    const parts = a.split('.');
    const flipped = [...parts.slice(0, 3), parts[3]!.slice(0, -1) + (parts[3]!.endsWith('A') ? 'B' : 'A')].join('.');
    expect(() => decryptSecret(key, flipped)).toThrow();
    expect(() => decryptSecret(Buffer.alloc(32, 2), a)).toThrow();
  });
});
