import { ForbiddenError } from '../errors';
import type { Context } from '../trpc/context';
import { isAllowedOrigin } from './origin';

/**
 * CSRF defence for procedures. A mutation that carries a cross-site `Origin` is refused, and a
 * cookie-authenticated mutation must carry an allowed `Origin` (browsers send it on every POST).
 * Bearer and API-key callers are exempt: a browser never attaches those by itself.
 */
export function assertSameOrigin(ctx: Pick<Context, 'env' | 'auth' | 'origin' | 'host'>, type: 'query' | 'mutation' | 'subscription'): void {
  if (type !== 'mutation') return;
  const via = ctx.auth?.via;
  if (via === 'bearer' || via === 'connection') return;
  if (ctx.origin === null) {
    if (via === 'cookie') throw new ForbiddenError('Cross-site request refused: missing Origin header', { reason: 'csrf' });
    return;
  }
  if (!isAllowedOrigin(ctx.env, ctx.origin, ctx.host)) {
    throw new ForbiddenError('Cross-site request refused: origin not allowed', { reason: 'csrf', origin: ctx.origin.slice(0, 200) });
  }
}
