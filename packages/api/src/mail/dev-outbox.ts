import { desc, outboxEmails } from '@devmentor/db';
import { AppError } from '../errors';
import type { Context } from '../trpc/context';

/** The dev outbox is readable only when it is the active mailer and the server is not in production. */
export function devOutboxEnabled(ctx: Pick<Context, 'env' | 'mailer'>): boolean {
  return ctx.mailer.kind === 'outbox' && ctx.env.NODE_ENV !== 'production';
}

/** The latest mails in the dev outbox, newest first. */
export async function listDevOutbox({ ctx, input }: { ctx: Pick<Context, 'env' | 'mailer' | 'db'>; input: { limit: number } }) {
  if (!devOutboxEnabled(ctx)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      ctx.mailer.kind === 'smtp'
        ? 'The dev outbox is off: mail is sent through SMTP (SMTP_URL is set)'
        : 'The dev outbox is not available in production (NODE_ENV=production)',
    );
  }
  const rows = await ctx.db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(input.limit);
  return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
}
