import type { Env } from '@devmentor/config';
import type { Database } from '@devmentor/db';
import type { Logger } from '../trpc/context';
import type { Mailer } from './mailer';
import { createOutboxMailer } from './outbox-mailer';
import { createSmtpMailer } from './smtp-mailer';

/** SMTP when `SMTP_URL` is set, the dev outbox otherwise. */
export function createMailer(options: { env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>; db: Database; log: Logger }): Mailer {
  return options.env.SMTP_URL
    ? createSmtpMailer({ url: options.env.SMTP_URL, from: options.env.MAIL_FROM })
    : createOutboxMailer({ db: options.db, log: options.log });
}
