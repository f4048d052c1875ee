import { AppError } from '../errors';
import { limitAuthAttempt, resetAccountAttempts } from '../rate-limit/limits';
import type { Context } from '../trpc/context';
import type { LoginInput } from './auth.schemas';
import { verifyPassword } from './password';
import { DUMMY_PASSWORD_HASH } from './password-policy';
import { setSessionCookie } from './service-context';
import { createSession } from './sessions.service';
import { accountView, findUserByEmail } from './users';

/** One error for unknown email, wrong password and password-less (GitHub-only) accounts. */
export function invalidCredentials(): AppError {
  return new AppError('UNAUTHORIZED', 'Invalid email or password');
}

/**
 * Signs in with email and password: a new session (new token) every time. An unknown email costs
 * the same argon2 verification as a wrong password and gets the same error.
 */
export async function login({ ctx, input }: { ctx: Context; input: LoginInput }) {
  await limitAuthAttempt(ctx, 'login', input.email);
  const user = await findUserByEmail(ctx.db, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, input.password);
  if (!user || !user.passwordHash || !valid) throw invalidCredentials();

  const session = await createSession(ctx.db, { userId: user.id, userAgent: ctx.userAgent, ipAddress: ctx.ip });
  await resetAccountAttempts(ctx, 'login', input.email);
  setSessionCookie(ctx, session);
  const account = await accountView(ctx.db, user.id);
  return { user: account!, token: session.token, expiresAt: session.expiresAt.toISOString() };
}
