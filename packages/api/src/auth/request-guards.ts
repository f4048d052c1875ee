import { limitCall } from '../rate-limit/limits';
import type { Context } from '../trpc/context';
import { assertSameOrigin } from './csrf';

/** Runs before every procedure: the CSRF origin check, then the general per-caller rate limit. */
export async function guardRequest(ctx: Context, type: 'query' | 'mutation' | 'subscription'): Promise<void> {
  assertSameOrigin(ctx, type);
  await limitCall(ctx);
}
