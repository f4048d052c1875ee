import type { Auth, Context } from '../trpc/context';
import { clearedSessionCookie, sessionCookie } from './cookies';
import { announceAuthChange } from './auth-changes';
import { publishSessionsRevoked } from './session-events';
import type { CreatedSession } from './sessions.service';

export type AuthedContext = Context & { auth: Auth };

/** Sets the session cookie on HTTP answers (over WebSocket there is no response to carry it). */
export function setSessionCookie(ctx: Pick<Context, 'env' | 'setResponseHeader'>, session: CreatedSession): void {
  ctx.setResponseHeader?.('set-cookie', sessionCookie(ctx.env, session.token, session.expiresAt));
}

export function clearSessionCookie(ctx: Pick<Context, 'env' | 'setResponseHeader'>): void {
  ctx.setResponseHeader?.('set-cookie', clearedSessionCookie(ctx.env));
}

/** After commit: tell every instance these sessions are gone. A bus failure is logged, not thrown, as the change is committed. */
export async function announceRevoked(ctx: Pick<Context, 'bus' | 'log' | 'sessionCache'>, userId: string, sessionIds: string[]): Promise<void> {
  await announceAuthChange(ctx, { userId });
  try {
    await publishSessionsRevoked(ctx.bus, userId, sessionIds);
  } catch (err) {
    ctx.log.error({ err, userId }, 'session revocation not published');
  }
}
