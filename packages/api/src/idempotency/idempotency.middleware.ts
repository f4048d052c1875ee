import { createHash } from 'node:crypto';
import { and, eq, idempotencyKeys, isNull, lte, sql, type Database } from '@devmentor/db';
import { AppError, ConflictError, ValidationError } from '../errors';
import { middleware } from '../trpc/init';

/** How long a key's first result is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

/** JSON with object keys sorted, so the same input always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Stripe-style idempotency for every mutation, applied once in `authedProcedure`. A mutation sent
 * with an `Idempotency-Key` header (`ctx.idempotencyKey`) claims `(user, key)`; when it succeeds its
 * JSON result is stored and the same key replayed within 24 hours returns that result without
 * running the mutation again (and sets `Idempotent-Replayed: true`). The same key with another
 * procedure or another input is a CONFLICT (`details.reason = 'idempotency_key_reused'`); a replay
 * while the first request is still running is a CONFLICT (`'idempotency_key_in_progress'`). A
 * failed mutation releases its key, so the client can retry with it. Queries ignore the header.
 * Calls of one HTTP batch share the header, so the entry is keyed by the batch index too.
 */
export const idempotency = middleware(async ({ ctx, type, path, getRawInput, batchIndex, next }) => {
  const header = ctx.idempotencyKey;
  if (type !== 'mutation' || !header || !ctx.auth) return next();
  // One header covers a whole HTTP batch: each call of the batch keeps its own entry.
  const key = batchIndex > 0 ? `${header}#${batchIndex}` : header;
  if (header.length > MAX_KEY_LENGTH) throw new ValidationError(`Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters`);
  const userId = ctx.auth.user.id;
  const requestHash = createHash('sha256').update(canonicalJson(await getRawInput())).digest('hex');
  const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);

  // Claim the key; an expired entry for it is taken over in the same statement.
  const claimed = await ctx.db
    .insert(idempotencyKeys)
    .values({ userId, key, path, requestHash, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: { path, requestHash, expiresAt, response: null, completedAt: null, createdAt: new Date() },
      setWhere: lte(idempotencyKeys.expiresAt, sql`now()`),
    })
    .returning({ userId: idempotencyKeys.userId });

  if (claimed.length === 0) {
    const [existing] = await ctx.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!existing || !existing.completedAt) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress', { reason: 'idempotency_key_in_progress' });
    }
    if (existing.path !== path || existing.requestHash !== requestHash) {
      throw new AppError('CONFLICT', 'This Idempotency-Key was used for a different request', { reason: 'idempotency_key_reused', path: existing.path });
    }
    ctx.setResponseHeader?.('Idempotent-Replayed', 'true');
    // A middleware may answer without calling `next`; tRPC only reads `ok` and `data` from it.
    return { ok: true as const, data: existing.response, marker: 'middlewareMarker' } as unknown as Awaited<ReturnType<typeof next>>;
  }

  const result = await next();
  const mine = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.completedAt));
  if (result.ok) {
    await ctx.db
      .update(idempotencyKeys)
      .set({ response: JSON.parse(JSON.stringify(result.data ?? null)) as unknown, completedAt: new Date() })
      .where(mine);
  } else {
    await ctx.db.delete(idempotencyKeys).where(mine);
  }
  return result;
});

/** Deletes expired entries; for a periodic job. Returns how many were removed. */
export async function purgeExpiredIdempotencyKeys(db: Database, now = new Date()): Promise<number> {
  const removed = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  return removed.length;
}
