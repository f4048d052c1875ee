import { apiKeys, eq, users, type Database } from '@devmentor/db';
import { parseToken, secretMatches } from '../auth/session-token';
import type { SessionUser } from '../auth/sessions.service';
import type { ApiKeyGrant } from '../trpc/context';
import { API_KEY_PREFIX } from './api-keys.service';

/** `lastUsedAt` is written at most this often, so authenticated reads stay reads. */
const LAST_USED_REFRESH_MS = 5 * 60 * 1000;

/** A key stays usable until it is revoked or its expiry passes. */
function isUsable(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): boolean {
  return !key.revokedAt && (!key.expiresAt || key.expiresAt.getTime() > now.getTime());
}

/** Whether the key with this id is still usable (live streams re-check the key that opened them). */
export async function isApiKeyActive(db: Database, apiKeyId: string, now = new Date()): Promise<boolean> {
  const [key] = await db.select({ revokedAt: apiKeys.revokedAt, expiresAt: apiKeys.expiresAt }).from(apiKeys).where(eq(apiKeys.id, apiKeyId));
  return key !== undefined && isUsable(key, now);
}

export function isApiKeyToken(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/**
 * The user and grant an API key stands for, or null when the key is malformed, unknown, tampered
 * (secret compared in constant time), revoked or expired.
 */
export async function validateApiKey(db: Database, token: string, now = new Date()): Promise<{ user: SessionUser; apiKey: ApiKeyGrant } | null> {
  const parsed = parseToken(token, API_KEY_PREFIX);
  if (!parsed) return null;
  const [row] = await db
    .select({
      key: apiKeys,
      user: { id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl, emailVerifiedAt: users.emailVerifiedAt },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.id, parsed.id));
  if (!row || !secretMatches(parsed.secret, row.key.secretHash)) return null;
  if (!isUsable(row.key, now)) return null;
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() >= LAST_USED_REFRESH_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id));
  }
  return {
    user: row.user,
    apiKey: { id: row.key.id, scopes: row.key.scopes, projectId: row.key.projectId, expiresAt: row.key.expiresAt },
  };
}
