import { randomUUID } from 'node:crypto';
import { parseEnv } from '@devmentor/config';
import { projectMembers, projects, users, type DbHandle } from '@devmentor/db';
import type { GitHubOAuth } from '../auth/github-oauth';
import type { AiGateway } from '@devmentor/ai';
import { createAppAi } from '../ai-usage/create-app-ai';
import { createMemoryBus, type EventBus } from '../bus';
import { createOutboxMailer, type Mailer } from '../mail';
import { createMemoryRateLimiter, type RateLimiter } from '../rate-limit';
import { createMemoryQueue, type JobQueue } from '../jobs';
import { createLiveServices, type LiveServices } from '../live/live-services';
import { followAuthChanges } from '../auth/auth-changes';
import { SessionCache } from '../auth/session-cache';
import { createCaller } from '../root';
import { createInnerContext, type AppServices, type Context } from '../trpc/context';
import type { ProjectRole } from '../trpc/procedures';

const silentLog = { info() {}, warn() {}, error() {} };

/** App services around a test database: in-process bus unless one is given. */
export function createTestServices(handle: DbHandle, options: {
    bus?: EventBus;
    jobs?: JobQueue;
    env?: Record<string, string>;
    mailer?: Mailer;
    rateLimiter?: RateLimiter;
    github?: GitHubOAuth | null;
    live?: LiveServices;
    ai?: AiGateway;
  } = {}): AppServices {
  const bus = options.bus ?? createMemoryBus();
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const sessionCache = new SessionCache();
  // As in the server; until the subscription is live (or if it fails) the cache stores nothing.
  followAuthChanges(bus, sessionCache).catch(() => sessionCache.setFollowing(false));
  return {
    env,
    db: handle.db,
    bus,
    instanceId: randomUUID(),
    jobs: options.jobs ?? createMemoryQueue(),
    mailer: options.mailer ?? createOutboxMailer({ db: handle.db, log: silentLog }),
    rateLimiter: options.rateLimiter ?? createMemoryRateLimiter(),
    github: options.github ?? null,
    // Offline unless `options.env` configures a provider (tests pass a loopback OPENAI_BASE_URL).
    ai: options.ai ?? createAppAi({ env, db: handle.db }),
    live: options.live ?? createLiveServices({ bus, instanceId: randomUUID() }),
    capabilities: { database: handle.mode, vector: handle.mode === 'pglite', bus: bus.kind },
    sessionCache,
  };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  emailVerifiedAt: Date | null;
}

/** A user row without going through registration (no password hashing cost). */
export async function createTestUser(services: AppServices, overrides: { email?: string; name?: string } = {}): Promise<TestUser> {
  const suffix = randomUUID().slice(0, 8);
  const [user] = await services.db
    .insert(users)
    .values({ email: overrides.email ?? `user-${suffix}@example.test`, name: overrides.name ?? `User ${suffix}`, emailVerifiedAt: new Date() })
    .returning({ id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl, emailVerifiedAt: users.emailVerifiedAt });
  if (!user) throw new Error('test user insert returned nothing');
  return user;
}

/** A context as the server would build it for this user (or for an anonymous caller). */
export function contextFor(services: AppServices, user: TestUser | null, extra: Partial<Context> = {}): Context {
  return createInnerContext(services, {
    requestId: `test-${randomUUID()}`,
    log: silentLog,
    auth: user ? { user, sessionId: null, via: 'bearer' } : null,
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ...extra,
  });
}

/** The typed server-side caller, exactly what a client reaches over HTTP, minus the transport. */
export function callerFor(services: AppServices, user: TestUser | null, extra: Partial<Context> = {}) {
  return createCaller(contextFor(services, user, extra));
}

/** A project owned by `owner` with the given extra members, inserted directly. */
export async function createTestProject(
  services: AppServices,
  owner: TestUser,
  members: { user: TestUser; role: ProjectRole }[] = [],
  overrides: { name?: string; keyPrefix?: string } = {},
) {
  const suffix = randomUUID().slice(0, 8);
  const [project] = await services.db
    .insert(projects)
    .values({ ownerId: owner.id, name: overrides.name ?? `Project ${suffix}`, slug: `project-${suffix}`, keyPrefix: overrides.keyPrefix ?? 'TP' })
    .returning();
  if (!project) throw new Error('test project insert returned nothing');
  await services.db.insert(projectMembers).values([
    { projectId: project.id, userId: owner.id, role: 'owner' as const },
    ...members.map((member) => ({ projectId: project.id, userId: member.user.id, role: member.role })),
  ]);
  return project;
}
