export type { Mailer, MailMessage } from './mailer';
export { createMailer } from './create-mailer';
export { createOutboxMailer } from './outbox-mailer';
export { createSmtpMailer } from './smtp-mailer';
export { devOutboxEnabled, listDevOutbox } from './dev-outbox';
