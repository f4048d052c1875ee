import { createTestDb } from '@devmentor/db/testing';
import { authTokens, eq, outboxEmails, users, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestServices } from '../testing';
import type { AppServices, Auth } from '../trpc/context';
import { AUTH_TOKEN_TTL_MS, issueAuthToken } from './auth-tokens';
import { resolveAuth } from './resolve-auth';
import { validateSessionToken } from './sessions.service';

const PASSWORD = 'correct horse battery staple';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

let n = 0;
const freshEmail = () => `mailed-${Date.now()}-${n++}@example.test`;

describe('email verification and password reset', () => {
  let handle: DbHandle;
  let services: AppServices;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle, { env: { AUTH_SLOWDOWN_MS: '0' } });
  });
  afterAll(async () => {
    await handle.close();
  });

  const anonymous = () => callerFor(services, null, { ip: '10.1.0.1' });
  const as = (auth: Auth) => callerFor(services, null, { auth, ip: '10.1.0.1' });

  async function register(email = freshEmail()) {
    const result = await anonymous().auth.register({ email, password: PASSWORD, name: 'M' });
    return { ...result, email, auth: (await resolveAuth(services.db, result.token, 'bearer'))! };
  }

  /** Mails go out in the background: waits until `count` mails of this kind have been written. */
  async function latestToken(email: string, kind: string, count = 1): Promise<string> {
    let text = '';
    await vi.waitFor(async () => {
      const rows = (await services.db.select().from(outboxEmails).where(eq(outboxEmails.to, email))).filter((row) => row.kind === kind);
      expect(rows.length).toBeGreaterThanOrEqual(count);
      text = rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!.text;
    });
    return decodeURIComponent(/token=([^\s&]+)/.exec(text)![1]!);
  }

  it('verifies the address with the mailed link, once; the link points at APP_URL', async () => {
    const account = await register();
    const signUpToken = await latestToken(account.email, 'verify_email');
    const result = await as(account.auth).auth.requestEmailVerification();
    expect(result).toEqual({ sent: true, alreadyVerified: false });
    // The second link supersedes the one mailed at sign-up.
    const token = await latestToken(account.email, 'verify_email', 2);
    expect(token).not.toBe(signUpToken);
    const rows = await services.db.select().from(outboxEmails).where(eq(outboxEmails.to, account.email));
    expect(rows.every((row) => row.text.includes('http://localhost:5173/verify-email?token='))).toBe(true);
    expect(await codeOf(anonymous().auth.verifyEmail({ token: signUpToken }))).toBe('BAD_REQUEST');

    expect(await anonymous().auth.verifyEmail({ token })).toEqual({ verified: true });
    expect((await as(account.auth).auth.me()).emailVerified).toBe(true);
    expect(await codeOf(anonymous().auth.verifyEmail({ token }))).toBe('BAD_REQUEST');
    expect(await as(account.auth).auth.requestEmailVerification()).toEqual({ sent: false, alreadyVerified: true });
  });

  it('stores only a hash of the token and refuses tampered, foreign-purpose and superseded tokens', async () => {
    const account = await register();
    const first = await services.db.transaction((tx) => issueAuthToken(tx, { userId: account.user.id, purpose: 'email_verification', email: account.email }));
    const [id, secret] = first.split('.');
    const [row] = await services.db.select().from(authTokens).where(eq(authTokens.id, id!));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.secretHash).not.toContain(secret!);

    const tampered = `${id}.${secret!.slice(0, -1)}${secret!.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [tampered, `${id}`, 'x.y', 'garbage']) expect(await codeOf(anonymous().auth.verifyEmail({ token: bad }))).toBe('BAD_REQUEST');
    expect(await codeOf(anonymous().auth.resetPassword({ token: first, password: 'some new passphrase' }))).toBe('BAD_REQUEST');
    expect(await codeOf(anonymous().auth.verifyEmail({ token: 'x'.repeat(257) }))).toBe('BAD_REQUEST');

    const second = await services.db.transaction((tx) => issueAuthToken(tx, { userId: account.user.id, purpose: 'email_verification', email: account.email }));
    expect(await codeOf(anonymous().auth.verifyEmail({ token: first }))).toBe('BAD_REQUEST');
    expect(await anonymous().auth.verifyEmail({ token: second })).toEqual({ verified: true });
  });

  it('refuses an expired verification token', async () => {
    const account = await register();
    const past = new Date(Date.now() - AUTH_TOKEN_TTL_MS.email_verification - 1000);
    const token = await services.db.transaction((tx) =>
      issueAuthToken(tx, { userId: account.user.id, purpose: 'email_verification', email: account.email, now: past }),
    );
    expect(await codeOf(anonymous().auth.verifyEmail({ token }))).toBe('BAD_REQUEST');
    const [user] = await services.db.select().from(users).where(eq(users.id, account.user.id));
    expect(user!.emailVerifiedAt).toBeNull();
  });

  it('answers a reset request the same way for known and unknown addresses, mailing only the known', async () => {
    const account = await register();
    const unknown = freshEmail();
    expect(await anonymous().auth.requestPasswordReset({ email: account.email })).toEqual({ accepted: true });
    expect(await anonymous().auth.requestPasswordReset({ email: unknown })).toEqual({ accepted: true });
    await latestToken(account.email, 'password_reset');
    expect(await services.db.select().from(outboxEmails).where(eq(outboxEmails.to, unknown))).toHaveLength(0);
    expect(await codeOf(anonymous().auth.requestPasswordReset({ email: 'not an email' }))).toBe('BAD_REQUEST');
  });

  it('resets the password with a single-use token, ending every session', async () => {
    const account = await register();
    const other = await anonymous().auth.login({ email: account.email, password: PASSWORD });
    await anonymous().auth.requestPasswordReset({ email: account.email });
    const token = await latestToken(account.email, 'password_reset');

    // A refused password leaves the token usable: the redemption rolled back with it.
    expect(await codeOf(anonymous().auth.resetPassword({ token, password: 'password' }))).toBe('BAD_REQUEST');
    expect(await codeOf(anonymous().auth.resetPassword({ token, password: 'x'.repeat(129) }))).toBe('BAD_REQUEST');

    expect(await anonymous().auth.resetPassword({ token, password: 'my new long passphrase' })).toEqual({ reset: true, revokedSessions: 2 });
    expect(await validateSessionToken(services.db, account.token)).toBeNull();
    expect(await validateSessionToken(services.db, other.token)).toBeNull();
    expect(await codeOf(anonymous().auth.resetPassword({ token, password: 'yet another passphrase' }))).toBe('BAD_REQUEST');
    expect(await codeOf(anonymous().auth.login({ email: account.email, password: PASSWORD }))).toBe('UNAUTHORIZED');
    await anonymous().auth.login({ email: account.email, password: 'my new long passphrase' });
  });

  it('refuses an expired reset token and leaves the password unchanged', async () => {
    const account = await register();
    const past = new Date(Date.now() - AUTH_TOKEN_TTL_MS.password_reset - 1000);
    const token = await services.db.transaction((tx) => issueAuthToken(tx, { userId: account.user.id, purpose: 'password_reset', email: account.email, now: past }));
    expect(await codeOf(anonymous().auth.resetPassword({ token, password: 'my new long passphrase' }))).toBe('BAD_REQUEST');
    expect(await validateSessionToken(services.db, account.token)).not.toBeNull();
    await anonymous().auth.login({ email: account.email, password: PASSWORD });
  });

  it('a password change retires outstanding reset links', async () => {
    const account = await register();
    await anonymous().auth.requestPasswordReset({ email: account.email });
    const token = await latestToken(account.email, 'password_reset');
    await as(account.auth).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'changed long passphrase' });
    expect(await codeOf(anonymous().auth.resetPassword({ token, password: 'my new long passphrase' }))).toBe('BAD_REQUEST');
  });
});
