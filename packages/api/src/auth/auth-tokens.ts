import { and, authTokens, eq, gt, isNull, type Database } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { hashSecret, parseToken, randomToken, secretMatches } from './session-token';

export type AuthTokenPurpose = 'email_verification' | 'password_reset';

/** How long a mailed link works. */
export const AUTH_TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  email_verification: 24 * 3600 * 1000,
  password_reset: 3600 * 1000,
};

/**
 * A new single-use token (`id.secret`, 280 bits from the CSPRNG; only the secret's hash stored).
 * Earlier unused tokens of the same purpose are retired, so only the latest link works.
 */
export async function issueAuthToken(
  tx: DbOrTx,
  input: { userId: string; purpose: AuthTokenPurpose; email: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  await retireAuthTokens(tx, input.userId, input.purpose, now);
  const id = randomToken(15);
  const secret = randomToken(20);
  await tx.insert(authTokens).values({
    id,
    userId: input.userId,
    purpose: input.purpose,
    secretHash: hashSecret(secret),
    email: input.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + AUTH_TOKEN_TTL_MS[input.purpose]),
  });
  return `${id}.${secret}`;
}

export async function retireAuthTokens(tx: DbOrTx, userId: string, purpose: AuthTokenPurpose, now = new Date()): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
}

/**
 * Redeems a token: null when malformed, unknown, tampered, of another purpose, expired or already
 * used. The `usedAt` update is conditional, so two concurrent redemptions cannot both succeed.
 */
export async function consumeAuthToken(
  tx: DbOrTx | Database,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await tx.select().from(authTokens).where(and(eq(authTokens.id, parsed.id), eq(authTokens.purpose, purpose)));
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  const [used] = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .returning({ userId: authTokens.userId, email: authTokens.email });
  return used ?? null;
}
