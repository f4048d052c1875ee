import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import { configuredOrigins, isAllowedOrigin } from '@devmentor/api';
import type { Env } from '@devmentor/config';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response. The CSP allows what the built SPA needs: its own scripts
 * and styles, images from https (avatars) and data URLs, and fetch/WebSocket to its own origin and
 * the configured app origins. HSTS and upgrade-insecure-requests only in production, so plain-http
 * local development keeps working.
 *
 * Helmet's middleware is built once here and applied to each response. (`@fastify/helmet` rebuilt
 * it, parsing the CSP directives again, on every request.)
 */
export function securityHeaders(app: FastifyInstance, env: Pick<Env, 'NODE_ENV' | 'ALLOWED_ORIGINS' | 'APP_URL'>): void {
  const production = env.NODE_ENV === 'production';
  const appOrigins = configuredOrigins(env);
  const socketOrigins = appOrigins.map((origin) => origin.replace(/^http/, 'ws'));
  const applySecurityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers ws(s): to the same host in CSP Level 3 browsers; the explicit entries cover the rest.
        connectSrc: ["'self'", ...appOrigins, ...socketOrigins],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  // Helmet 8 throws its errors rather than passing them on; Fastify turns a throwing hook into an error answer.
  app.addHook('onRequest', (request, reply, done) => applySecurityHeaders(request.raw, reply.raw, () => done()));
}

/**
 * WebSocket handshake check (ASVS 4.4.2): a browser always sends `Origin`; when present it must be
 * allowed, otherwise the upgrade is refused with 403. Scripts without an Origin authenticate with a
 * token in `connectionParams`.
 */
export function websocketOriginCheck(env: Pick<Env, 'ALLOWED_ORIGINS' | 'APP_URL'>) {
  return (info: { origin: string | undefined; req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
    const origin = info.origin;
    if (!origin || isAllowedOrigin(env, origin, info.req.headers.host ?? null)) return done(true);
    done(false, 403, 'Origin not allowed');
  };
}
