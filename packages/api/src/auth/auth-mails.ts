import type { Env } from '@devmentor/config';
import type { Context } from '../trpc/context';
import type { MailMessage } from '../mail/mailer';

function link(env: Pick<Env, 'APP_URL'>, path: string, token: string): string {
  const url = new URL(path, env.APP_URL);
  url.searchParams.set('token', token);
  return url.toString();
}

export function verificationMail(env: Pick<Env, 'APP_URL'>, to: string, token: string): MailMessage {
  const url = link(env, '/verify-email', token);
  return {
    to,
    kind: 'verify_email',
    subject: 'Confirm your email address for DevMentor',
    text: `Confirm this address for your DevMentor account by opening:\n\n${url}\n\nThe link works once, for 24 hours. If you did not sign up, ignore this mail.`,
  };
}

export function passwordResetMail(env: Pick<Env, 'APP_URL'>, to: string, token: string): MailMessage {
  const url = link(env, '/reset-password', token);
  return {
    to,
    kind: 'password_reset',
    subject: 'Reset your DevMentor password',
    text: `Someone asked to reset the password of your DevMentor account. To choose a new one, open:\n\n${url}\n\nThe link works once, for 1 hour, and signs out every session. If it was not you, ignore this mail.`,
  };
}

export function alreadyRegisteredMail(env: Pick<Env, 'APP_URL'>, to: string): MailMessage {
  const signIn = new URL('/login', env.APP_URL).toString();
  const reset = new URL('/reset-password', env.APP_URL).toString();
  return {
    to,
    kind: 'already_registered',
    subject: 'You already have a DevMentor account',
    text: `Someone tried to create a DevMentor account with this address, which already has one.\n\nSign in: ${signIn}\nForgot your password? ${reset}\n\nIf it was not you, no action is needed.`,
  };
}

/**
 * Sends without making the caller wait for the mail server, so answers take the same time whether
 * or not a mail went out (no account enumeration by timing). Failures are logged.
 */
export function sendInBackground(ctx: Pick<Context, 'mailer' | 'log'>, message: MailMessage): void {
  ctx.mailer.send(message).catch((err: unknown) => ctx.log.error({ err, kind: message.kind }, 'mail not sent'));
}
