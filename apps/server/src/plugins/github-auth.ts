import {
  completeGitHubSignIn,
  credentialFromHeaders,
  credentialSourceFromHeaders,
  GITHUB_STATE_TTL_SECONDS,
  parseCookies,
  resolveAuth,
  secureCookies,
  serializeCookie,
  sessionCookie,
  startGitHubSignIn,
  AppError,
  type AppServices,
} from '@devmentor/api';
import type { FastifyInstance, FastifyReply } from 'fastify';

const STATE_COOKIE = 'dm_gh_state';
const VERIFIER_COOKIE = 'dm_gh_verifier';
const COOKIE_PATH = '/auth/github';

const httpStatus: Record<string, number> = { BAD_REQUEST: 400, CONFLICT: 409, PRECONDITION_FAILED: 503 };

function sendError(reply: FastifyReply, error: AppError) {
  return reply.code(httpStatus[error.code] ?? 400).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
}

/**
 * GitHub sign-in: `/auth/github/start` redirects to GitHub with state and PKCE (both kept in
 * short-lived HttpOnly cookies scoped to /auth/github); `/auth/github/callback` checks them, then
 * signs in, creates the account, or links GitHub when a user is already signed in. Without GitHub
 * configured both answer 503 PRECONDITION_FAILED "GitHub sign-in is not configured".
 */
export async function githubAuthRoutes(app: FastifyInstance, options: { services: AppServices }) {
  const { services } = options;
  const { env } = services;
  const secure = secureCookies(env);
  const shortLived = (name: string, value: string, maxAgeSeconds: number) =>
    serializeCookie(name, value, { maxAgeSeconds, path: COOKIE_PATH, secure });

  app.get('/auth/github/start', async (_request, reply) => {
    let started: ReturnType<typeof startGitHubSignIn>;
    try {
      started = startGitHubSignIn(services);
    } catch (error) {
      if (error instanceof AppError) return sendError(reply, error);
      throw error;
    }
    reply.header('set-cookie', [
      shortLived(STATE_COOKIE, started.state, GITHUB_STATE_TTL_SECONDS),
      shortLived(VERIFIER_COOKIE, started.codeVerifier, GITHUB_STATE_TTL_SECONDS),
    ]);
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 302);
  });

  app.get<{ Querystring: { code?: string; state?: string } }>('/auth/github/callback', async (request, reply) => {
    const cookies = parseCookies(request.headers.cookie);
    // The state and verifier are single-use: cleared whatever the outcome.
    const cleared = [shortLived(STATE_COOKIE, '', 0), shortLived(VERIFIER_COOKIE, '', 0)];
    reply.header('cache-control', 'no-store');
    const current = await resolveAuth(services.db, credentialFromHeaders(request.headers), credentialSourceFromHeaders(request.headers), services.sessionCache);
    try {
      const result = await completeGitHubSignIn(services, {
        code: typeof request.query.code === 'string' ? request.query.code : null,
        state: typeof request.query.state === 'string' ? request.query.state : null,
        expectedState: cookies[STATE_COOKIE] ?? null,
        codeVerifier: cookies[VERIFIER_COOKIE] ?? null,
        currentUserId: current?.user.id ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        ip: request.ip,
      });
      const setCookies = 'session' in result ? [...cleared, sessionCookie(env, result.session.token, result.session.expiresAt)] : cleared;
      reply.header('set-cookie', setCookies);
      const target = new URL(result.outcome === 'linked' ? '/settings?github=linked' : '/', env.APP_URL);
      return reply.redirect(target.toString(), 302);
    } catch (error) {
      reply.header('set-cookie', cleared);
      if (error instanceof AppError) return sendError(reply, error);
      request.log.error({ err: error }, 'GitHub sign-in failed');
      return reply.redirect(new URL('/login?error=github', env.APP_URL).toString(), 302);
    }
  });
}
