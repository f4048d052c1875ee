import type { AiGateway } from '@devmentor/ai';
import type { Env } from '@devmentor/config';
import type { Database, DatabaseMode } from '@devmentor/db';
import type { SessionUser } from '../auth/sessions.service';
import type { EventBus } from '../bus';
import type { GitHubOAuth } from '../auth/github-oauth';
import type { Mailer } from '../mail/mailer';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import type { JobQueue } from '../jobs';
import type { LiveServices } from '../live/live-services';
import type { SessionCache } from '../auth/session-cache';

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
  /** Outgoing mail: the dev outbox, or SMTP when SMTP_URL is set. */
  mailer: Mailer;
  /** Rate-limit counters: in-process, or Redis when REDIS_URL is set. */
  rateLimiter: RateLimiter;
  /** GitHub OAuth when GITHUB_CLIENT_ID/SECRET are set; null means GitHub sign-in is off. */
  github: GitHubOAuth | null;
  /** The AI gateway: OpenAI or a compatible server when configured, the offline provider otherwise. */
  ai: AiGateway;
  /** Distinguishes server processes that share one Redis. */
  instanceId: string;
  /** Background jobs: in-process, or BullMQ when REDIS_URL is set. */
  jobs: JobQueue;
  /** Live features of this instance: subscription caps and buffers, presence. */
  live: LiveServices;
  /** Sessions and memberships this instance read recently; changes are announced with `announceAuthChange`. */
  sessionCache: SessionCache;
}

/** What an API key allows on top of its user's roles: scopes, and optionally one project only. */
export interface ApiKeyGrant {
  id: string;
  scopes: ('read' | 'write')[];
  projectId: string | null;
  expiresAt: Date | null;
}

/** Who is calling, resolved once per HTTP request or once per WebSocket connection. */
export interface Auth {
  user: SessionUser;
  /** Set when the caller used a session token (cookie, Bearer or WebSocket connectionParams). */
  sessionId: string | null;
  /**
   * Where the credential came from: the session cookie (CSRF-checked), an `Authorization: Bearer`
   * header, or WebSocket `connectionParams` (origin checked at the handshake).
   */
  via: 'cookie' | 'bearer' | 'connection';
  /** Set when the caller used an API key: the procedure builders narrow what it may do. */
  apiKey?: ApiKeyGrant | null;
}

/** A caller's membership in one project as read while authenticating (role null: not a member). */
export interface MembershipHint {
  projectId: string;
  role: 'owner' | 'admin' | 'member' | 'viewer' | null;
  archived: boolean;
}

/**
 * An HTTP request's credential, resolved by the first middleware rather than by `createContext`:
 * by then the procedure's input is known, so a session lookup can read the membership of the
 * project the call names in the same statement. One holder per request, shared by a batch's calls.
 */
export interface PendingCredential {
  token: string;
  via: Auth['via'];
  resolved?: Promise<{ auth: Auth | null; membership: MembershipHint | null }>;
}

/** Per request (HTTP) or per connection (WebSocket). */
export interface Context extends AppServices {
  requestId: string;
  log: Logger;
  /** The caller; over HTTP null until the first middleware has resolved `credential`. */
  auth: Auth | null;
  /** HTTP only: the credential still to resolve (see `PendingCredential`). */
  credential?: PendingCredential | null;
  /** Set with `auth` over HTTP: the caller's membership in the project the call names, if it names one. */
  membershipHint?: MembershipHint | null;
  /** The caller's address, for rate limits and the session list. */
  ip: string | null;
  userAgent: string | null;
  /** `Origin` header of the request or WebSocket upgrade, for CSRF and origin checks. */
  origin: string | null;
  /** `Host` header, so a same-origin `Origin` is recognised whatever name the server is reached by. */
  host: string | null;
  /** `Idempotency-Key` header: a replayed mutation with the same key returns the first result. */
  idempotencyKey: string | null;
  /** HTTP only: adds a response header (e.g. `set-cookie`). Over WebSocket this is null. */
  setResponseHeader: ((name: string, value: string) => void) | null;
  /** WebSocket only: bytes queued on the socket, so a subscription can stop feeding a slow client. */
  socketBufferedBytes?: (() => number) | null;
}

export interface RequestInfo {
  requestId: string;
  log: Logger;
  auth?: Auth | null;
  credential?: PendingCredential | null;
  ip?: string | null;
  userAgent?: string | null;
  origin?: string | null;
  host?: string | null;
  idempotencyKey?: string | null;
  setResponseHeader?: ((name: string, value: string) => void) | null;
  socketBufferedBytes?: (() => number) | null;
}

export function createInnerContext(services: AppServices, request: RequestInfo): Context {
  return { ...services, auth: null, ip: null, userAgent: null, origin: null, host: null, idempotencyKey: null, setResponseHeader: null, ...request };
}
