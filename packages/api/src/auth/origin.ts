import type { Env } from '@devmentor/config';

/** Origins from config: ALLOWED_ORIGINS when set, otherwise APP_URL's origin. */
export function configuredOrigins(env: Pick<Env, 'ALLOWED_ORIGINS' | 'APP_URL'>): string[] {
  const listed = env.ALLOWED_ORIGINS.length > 0 ? env.ALLOWED_ORIGINS : [env.APP_URL];
  return listed.map((url) => new URL(url).origin);
}

/**
 * An `Origin` is allowed when it is on the configured list or is the server's own origin (its host
 * equals the request's `Host`, as when the server serves the built web app itself).
 */
export function isAllowedOrigin(env: Pick<Env, 'ALLOWED_ORIGINS' | 'APP_URL'>, origin: string, host: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (configuredOrigins(env).includes(parsed.origin)) return true;
  return host !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase();
}
