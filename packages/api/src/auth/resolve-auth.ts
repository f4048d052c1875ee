import type { Database } from '@devmentor/db';
import { isApiKeyToken, validateApiKey } from '../api-keys/validate-api-key';
import type { Auth, MembershipHint } from '../trpc/context';
import type { SessionCache } from './session-cache';
import { validateSessionToken } from './sessions.service';

export const SESSION_COOKIE = 'dm_session';

/** The bearer credential of a request: `Authorization: Bearer …` first, then the session cookie. */
export function credentialFromHeaders(headers: { authorization?: string | undefined; cookie?: string | undefined }): string | null {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || null;
  const cookie = headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)) || null : null;
}

/** Where a request's credential came from: `Authorization: Bearer` wins over the session cookie. */
export function credentialSourceFromHeaders(headers: { authorization?: string | undefined }): 'bearer' | 'cookie' {
  return headers.authorization?.startsWith('Bearer ') ? 'bearer' : 'cookie';
}

/**
 * Resolves a credential (session token; API keys join here) to the caller, or null. `via` records
 * where it came from: cookie-authenticated mutations are CSRF-checked, the others are not.
 */
export async function resolveAuth(db: Database, credential: string | null, via: Auth['via'] = 'bearer', cache?: SessionCache): Promise<Auth | null> {
  return (await resolveCaller(db, credential, via, undefined, cache)).auth;
}

/**
 * `resolveAuth`, and for a session token with a `projectId` hint also the caller's membership in
 * that project, read by the same statement (API keys are looked up alone). With `cache`, a
 * session read recently by this instance is not read again.
 */
export async function resolveCaller(
  db: Database,
  credential: string | null,
  via: Auth['via'],
  projectId?: string,
  cache?: SessionCache,
): Promise<{ auth: Auth | null; membership: MembershipHint | null }> {
  if (!credential) return { auth: null, membership: null };
  if (isApiKeyToken(credential)) {
    const key = await validateApiKey(db, credential);
    return { auth: key ? { user: key.user, sessionId: null, via, apiKey: key.apiKey } : null, membership: null };
  }
  const session = await validateSessionToken(db, credential, new Date(), projectId, cache);
  if (!session) return { auth: null, membership: null };
  return { auth: { user: session.user, sessionId: session.sessionId, via }, membership: session.membership ?? null };
}
