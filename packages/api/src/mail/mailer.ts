/** One outgoing message. `text` is always present; `html` is optional. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for (`verify_email`, `password_reset`, `invitation`, ...): logs and the dev outbox. */
  kind: string;
}

/**
 * Sends mail. The composition root picks the implementation: the dev outbox (stored in the
 * `outbox_emails` table and logged) when `SMTP_URL` is not set, SMTP through nodemailer otherwise.
 * Call `send` after the transaction that made the mail necessary has committed.
 */
export interface Mailer {
  readonly kind: 'outbox' | 'smtp';
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
