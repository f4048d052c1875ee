import { outboxEmails, type Database } from '@devmentor/db';
import type { Logger } from '../trpc/context';
import type { Mailer } from './mailer';

/**
 * The default mailer when no SMTP server is configured: each mail is stored in `outbox_emails`
 * (readable through `devOutbox.list` outside production) and logged, links included, so a
 * developer can follow a verification or reset link without a mail server.
 */
export function createOutboxMailer(options: { db: Database; log: Logger }): Mailer {
  return {
    kind: 'outbox',
    async send(message) {
      await options.db.insert(outboxEmails).values({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        kind: message.kind,
      });
      options.log.info({ to: message.to, subject: message.subject, kind: message.kind, text: message.text }, 'mail stored in the dev outbox');
    },
    async close() {},
  };
}
