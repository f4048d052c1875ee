import { AppError } from '../errors';
import type { Context } from '../trpc/context';

export type AuthAction = 'login' | 'register' | 'password_reset' | 'email_verification';

type LimitContext = Pick<Context, 'env' | 'rateLimiter' | 'ip' | 'setResponseHeader'>;

const MAX_SLOWDOWN_MS = 5000;

function tooMany(ctx: Pick<Context, 'setResponseHeader'>, resetInMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
  ctx.setResponseHeader?.('retry-after', String(retryAfterSeconds));
  return new AppError('TOO_MANY_REQUESTS', 'Too many attempts; try again later', { retryAfterSeconds });
}

/**
 * Counts an attempt at a sensitive auth action per IP and per account (email). Past
 * AUTH_SLOWDOWN_AFTER attempts each one is delayed a little more; past the limit it is refused
 * with TOO_MANY_REQUESTS, `details.retryAfterSeconds` and a `Retry-After` header.
 */
export async function limitAuthAttempt(ctx: LimitContext, action: AuthAction, account: string | null): Promise<void> {
  const { env } = ctx;
  const windowMs = env.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000;
  const checks: { key: string; limit: number }[] = [{ key: `auth:${action}:ip:${ctx.ip ?? 'unknown'}`, limit: env.AUTH_RATE_LIMIT_PER_IP }];
  if (account) checks.push({ key: `auth:${action}:account:${account.trim().toLowerCase()}`, limit: env.AUTH_RATE_LIMIT_PER_ACCOUNT });

  let worst = 0;
  for (const check of checks) {
    const { count, resetInMs } = await ctx.rateLimiter.hit(check.key, windowMs);
    if (count > check.limit) throw tooMany(ctx, resetInMs);
    worst = Math.max(worst, count);
  }
  const excess = worst - env.AUTH_SLOWDOWN_AFTER;
  if (excess > 0 && env.AUTH_SLOWDOWN_MS > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_SLOWDOWN_MS, excess * env.AUTH_SLOWDOWN_MS)));
  }
}

/** Clears the per-account counter of an action, e.g. after a successful sign-in. */
export async function resetAccountAttempts(ctx: Pick<Context, 'rateLimiter'>, action: AuthAction, account: string): Promise<void> {
  await ctx.rateLimiter.reset(`auth:${action}:account:${account.trim().toLowerCase()}`);
}

/** The general limit on every procedure: RATE_LIMIT_PER_MINUTE per user, or per IP when anonymous. */
export async function limitCall(ctx: Pick<Context, 'env' | 'rateLimiter' | 'ip' | 'auth' | 'setResponseHeader'>): Promise<void> {
  const key = ctx.auth ? `call:user:${ctx.auth.user.id}` : `call:ip:${ctx.ip ?? 'unknown'}`;
  const { count, resetInMs } = await ctx.rateLimiter.hit(key, 60_000);
  if (count > ctx.env.RATE_LIMIT_PER_MINUTE) throw tooMany(ctx, resetInMs);
}
