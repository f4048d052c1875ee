import type { Env } from '@devmentor/config';
import { SESSION_COOKIE } from './resolve-auth';

export interface CookieOptions {
  maxAgeSeconds: number;
  path?: string;
  secure: boolean;
}

/** A `Set-Cookie` value: always HttpOnly and SameSite=Lax; Secure when asked (production). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] ??= decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // a malformed value is ignored like a missing one
    }
  }
  return cookies;
}

export function secureCookies(env: Pick<Env, 'NODE_ENV'>): boolean {
  return env.NODE_ENV === 'production';
}

export function sessionCookie(env: Pick<Env, 'NODE_ENV'>, token: string, expiresAt: Date, now = new Date()): string {
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: (expiresAt.getTime() - now.getTime()) / 1000, secure: secureCookies(env) });
}

export function clearedSessionCookie(env: Pick<Env, 'NODE_ENV'>): string {
  return serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: secureCookies(env) });
}
