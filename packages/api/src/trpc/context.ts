import type { Env } from '@devmentor/config';
import type { Database, DatabaseMode } from '@devmentor/db';
import type { SessionUser } from '../auth/sessions.service';
import type { EventBus } from '../bus';

export interface Capabilities {
  database: DatabaseMode;
  /** pgvector is installed: embeddings and vector search are on; otherwise full-text only. */
  vector: boolean;
  bus: EventBus['kind'];
}

export interface Logger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/**
 * Everything a procedure may use that does not depend on the request. Built once by the
 * composition root (`apps/server`); tests build it around a test database.
 */
export interface AppServices {
  env: Env;
  db: Database;
  bus: EventBus;
  capabilities: Capabilities;
  /** Distinguishes server processes that share one Redis. */
  instanceId: string;
}

/** Who is calling, resolved once per HTTP request or once per WebSocket connection. */
export interface Auth {
  user: SessionUser;
  /** Set when the caller used a session token (cookie, Bearer or WebSocket connectionParams). */
  sessionId: string | null;
}

/** Per request (HTTP) or per connection (WebSocket). */
export interface Context extends AppServices {
  requestId: string;
  log: Logger;
  auth: Auth | null;
  /** The caller's address, for rate limits and the session list. */
  ip: string | null;
  userAgent: string | null;
}

export interface RequestInfo {
  requestId: string;
  log: Logger;
  auth?: Auth | null;
  ip?: string | null;
  userAgent?: string | null;
}

export function createInnerContext(services: AppServices, request: RequestInfo): Context {
  return { ...services, auth: null, ip: null, userAgent: null, ...request };
}
