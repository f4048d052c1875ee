import { devOutboxEnabled } from '../mail/dev-outbox';
import type { Context } from '../trpc/context';

/** Which sign-in methods this server offers, so the web app shows only those. */
export function listProviders({ ctx }: { ctx: Pick<Context, 'github' | 'env' | 'mailer'> }) {
  return { password: true, github: ctx.github !== null, devOutbox: devOutboxEnabled(ctx) };
}
