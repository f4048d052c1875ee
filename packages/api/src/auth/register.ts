import { users } from '@devmentor/db';
import { AppError } from '../errors';
import { limitAuthAttempt } from '../rate-limit/limits';
import type { Context } from '../trpc/context';
import { alreadyRegisteredMail, sendInBackground, verificationMail } from './auth-mails';
import type { RegisterInput } from './auth.schemas';
import { issueAuthToken } from './auth-tokens';
import { hashPassword } from './password';
import { assertPasswordAcceptable } from './password-policy';
import { setSessionCookie } from './service-context';
import { createSession } from './sessions.service';
import { accountView, findUserByEmail } from './users';

/**
 * Refusal for an address that already has an account. Registration signs the new user in, so it
 * cannot answer "success" for an existing address without handing out a session; it answers this
 * generic error instead (same code and message whatever the reason for the clash, the password is
 * hashed first so the timing matches) and mails the address's owner. Per-IP limits bound probing.
 */
const REGISTRATION_REFUSED = 'Could not create an account with these details. If you already have one, sign in or reset your password.';

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause ?? error;
  return (cause as { code?: string } | null)?.code === '23505';
}

/** Creates an account with a password, signs it in and mails a verification link. */
export async function registerAccount({ ctx, input }: { ctx: Context; input: RegisterInput }) {
  await limitAuthAttempt(ctx, 'register', input.email);
  assertPasswordAcceptable(input.password, { email: input.email });
  const passwordHash = await hashPassword(input.password);

  let created: { userId: string; session: Awaited<ReturnType<typeof createSession>>; verifyToken: string } | null = null;
  try {
    created = await ctx.db.transaction(async (tx) => {
      if (await findUserByEmail(tx, input.email)) return null;
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
      if (!user) throw new Error('user insert returned nothing');
      const session = await createSession(tx, { userId: user.id, userAgent: ctx.userAgent, ipAddress: ctx.ip });
      const verifyToken = await issueAuthToken(tx, { userId: user.id, purpose: 'email_verification', email: input.email });
      return { userId: user.id, session, verifyToken };
    });
  } catch (error) {
    // Two registrations of one address at once: the unique index decides, the loser is refused.
    if (!isUniqueViolation(error)) throw error;
  }
  if (!created) {
    sendInBackground(ctx, alreadyRegisteredMail(ctx.env, input.email));
    throw new AppError('CONFLICT', REGISTRATION_REFUSED);
  }

  sendInBackground(ctx, verificationMail(ctx.env, input.email, created.verifyToken));
  setSessionCookie(ctx, created.session);
  const user = await accountView(ctx.db, created.userId);
  return { user: user!, token: created.session.token, expiresAt: created.session.expiresAt.toISOString() };
}
