import type { GitHubOAuth } from '@devmentor/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../testing/test-server';

const APP_ORIGIN = 'http://localhost:5173';
const EVIL_ORIGIN = 'https://evil.example';

async function trpc(server: TestServer, path: string, input: unknown, headers: Record<string, string> = {}, method: 'POST' | 'GET' = 'POST') {
  const url = method === 'GET' ? `${server.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}` : `${server.url}/trpc/${path}`;
  const response = await fetch(url, {
    method,
    headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(method === 'POST' ? { body: JSON.stringify(input ?? null) } : {}),
  });
  return { response, body: (await response.json()) as any };
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith('dm_session='));
}

function wsOpens(server: TestServer, origin?: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.wsUrl, origin ? { origin } : {});
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('accounts through the real server', () => {
  let server: TestServer;
  let cookie: string;
  let token: string;
  const email = `e2e-${Date.now()}@example.test`;
  const password = 'an end to end passphrase';

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_SLOWDOWN_MS: '0', AUTH_RATE_LIMIT_PER_ACCOUNT: '3' } });
    const { response, body } = await trpc(server, 'auth.register', { email, password, name: 'E2E' }, { origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    token = body.result.data.token;
    const setCookie = sessionCookieOf(response)!;
    cookie = setCookie.split(';')[0]!;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ (no Secure outside production)', async () => {
    const { response } = await trpc(server, 'auth.login', { email, password }, { origin: APP_ORIGIN });
    const setCookie = sessionCookieOf(response)!;
    expect(setCookie).toMatch(/^dm_session=[a-z0-9]+\.[a-z0-9]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect(setCookie).not.toContain('Secure');
  });

  it('puts security headers on every response, with a CSP that allows the app itself', async () => {
    for (const response of [await fetch(`${server.url}/health`), (await trpc(server, 'auth.providers', undefined, {}, 'GET')).response]) {
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('refuses cookie-authenticated mutations without an allowed Origin (CSRF)', async () => {
    const update = { name: 'Changed' };
    const missing = await trpc(server, 'auth.updateProfile', update, { cookie });
    expect(missing.response.status).toBe(403);
    expect(missing.body.error.data.code).toBe('FORBIDDEN');
    const evil = await trpc(server, 'auth.updateProfile', update, { cookie, origin: EVIL_ORIGIN });
    expect(evil.response.status).toBe(403);
    const me = await trpc(server, 'auth.me', undefined, { cookie }, 'GET');
    expect(me.body.result.data.name).toBe('E2E');

    expect((await trpc(server, 'auth.updateProfile', update, { cookie, origin: APP_ORIGIN })).response.status).toBe(200);
    // The server's own origin (it serves the built app) is allowed too.
    expect((await trpc(server, 'auth.updateProfile', { name: 'Own' }, { cookie, origin: server.url })).response.status).toBe(200);
    // Bearer callers are exempt: a browser never attaches that header by itself.
    expect((await trpc(server, 'auth.updateProfile', { name: 'Bearer' }, { authorization: `Bearer ${token}` })).response.status).toBe(200);
    // A cross-site login (login CSRF) is refused as well.
    expect((await trpc(server, 'auth.login', { email, password }, { origin: EVIL_ORIGIN })).response.status).toBe(403);
  });

  it('answers a brute-force run with 429 and Retry-After', async () => {
    const target = `victim-${Date.now()}@example.test`;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = (await trpc(server, 'auth.login', { email: target, password: `guess number ${i}` }, { origin: APP_ORIGIN })).response;
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('checks the WebSocket handshake Origin against the allow-list', async () => {
    expect(await wsOpens(server, EVIL_ORIGIN)).toBe(403);
    expect(await wsOpens(server, APP_ORIGIN)).toBe('open');
    expect(await wsOpens(server)).toBe('open');
  });

  it('says GitHub sign-in is not configured', async () => {
    const providers = await trpc(server, 'auth.providers', undefined, {}, 'GET');
    expect(providers.body.result.data.github).toBe(false);
    const start = await fetch(`${server.url}/auth/github/start`, { redirect: 'manual' });
    expect(start.status).toBe(503);
    expect(((await start.json()) as any).error.code).toBe('PRECONDITION_FAILED');
  });

  it('logout clears the cookie and ends the session', async () => {
    const { response } = await trpc(server, 'auth.login', { email, password }, { origin: APP_ORIGIN });
    const mine = sessionCookieOf(response)!.split(';')[0]!;
    const out = await trpc(server, 'auth.logout', null, { cookie: mine, origin: APP_ORIGIN });
    expect(sessionCookieOf(out.response)).toMatch(/^dm_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    expect((await trpc(server, 'auth.me', undefined, { cookie: mine }, 'GET')).response.status).toBe(401);
  });
});

describe('GitHub OAuth routes through the real server', () => {
  let server: TestServer;
  const github: GitHubOAuth = {
    encryptionKey: Buffer.alloc(32, 9),
    authorizationUrl: (state, verifier) => new URL(`https://github.test/login/oauth/authorize?state=${state}&code_challenge=${verifier.length}`),
    exchangeCode: async (code) => ({ accessToken: `token-${code}`, scopes: [] }),
    fetchUser: async () => ({ id: 4242, login: 'e2e-octo', name: 'E2E Octo', avatarUrl: null, verifiedEmail: `octo-${Date.now()}@example.test` }),
  };
  beforeAll(async () => {
    server = await startTestServer({ github });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function start() {
    const response = await fetch(`${server.url}/auth/github/start`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    const cookies = response.headers.getSetCookie();
    for (const cookie of cookies) expect(cookie).toMatch(/; Path=\/auth\/github; Max-Age=600; HttpOnly; SameSite=Lax$/);
    return { state: location.searchParams.get('state')!, cookieHeader: cookies.map((cookie) => cookie.split(';')[0]).join('; ') };
  }

  it('rejects a callback whose state does not match the cookie, or has no cookie', async () => {
    const { cookieHeader } = await start();
    const wrong = await fetch(`${server.url}/auth/github/callback?code=abc&state=forged`, { headers: { cookie: cookieHeader }, redirect: 'manual' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error.details.reason).toBe('oauth_state');
    expect(wrong.headers.getSetCookie().some((cookie) => cookie.startsWith('dm_session='))).toBe(false);

    const { state } = await start();
    const noCookie = await fetch(`${server.url}/auth/github/callback?code=abc&state=${state}`, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
  });

  it('signs in (creating the account) when the state matches, then the session works', async () => {
    const { state, cookieHeader } = await start();
    const callback = await fetch(`${server.url}/auth/github/callback?code=abc&state=${state}`, { headers: { cookie: cookieHeader }, redirect: 'manual' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('http://localhost:5173/');
    const session = sessionCookieOf(callback)!;
    expect(session).toContain('HttpOnly; SameSite=Lax');
    const me = await trpc(server, 'auth.me', undefined, { cookie: session.split(';')[0]! }, 'GET');
    expect(me.body.result.data).toMatchObject({ name: 'E2E Octo', githubLogin: 'e2e-octo', hasPassword: false });
    expect((await trpc(server, 'auth.providers', undefined, {}, 'GET')).body.result.data.github).toBe(true);
  });
});
