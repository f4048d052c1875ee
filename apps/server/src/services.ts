import { randomUUID } from 'node:crypto';
import { createBullmqQueue, createLiveServices, createMemoryBus, createNotificationsConsumer, createMemoryQueue, createRedisBus, startClock, type AppServices, type EventBus, type JobFailureHook } from '@devmentor/api';
import { createGitHubOAuth, createMailer, createMemoryRateLimiter, createRedisRateLimiter, type GitHubOAuth, type Mailer } from '@devmentor/api';
import { createAppAi, followAuthChanges, SessionCache } from '@devmentor/api';
import { createItemIndexer, registerAgentJobs, registerMemoryJobs, scheduleAgentJobs, scheduleIdempotencyPurge } from '@devmentor/api';
import type { Env } from '@devmentor/config';
import { createDb, hasVectorExtension, migrate, type DbHandle } from '@devmentor/db';
import type { Logger } from 'pino';
import { seedDemoWorkspace } from './seed-demo';

/** Everything the server runs on, plus what it takes to probe and stop it. */
export interface RunningServices {
  services: AppServices;
  dbHandle: DbHandle;
  close(): Promise<void>;
}

export interface CreateServicesOptions {
  env: Env;
  logger: Logger;
  /** A database the caller opened (tests); otherwise one is created from `env`. */
  dbHandle?: DbHandle;
  bus?: EventBus;
  mailer?: Mailer;
  /** GitHub OAuth; tests inject a fake (no network). Default: built from GITHUB_* config, else off. */
  github?: GitHubOAuth | null;
}

/**
 * The composition root's wiring: database (migrated, optionally seeded), event bus and the
 * background clock. Nothing here runs at import time.
 */
export async function createServices(options: CreateServicesOptions): Promise<RunningServices> {
  const { env, logger } = options;
  const dbHandle = options.dbHandle ?? (await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, sharedBuffersMb: env.PGLITE_SHARED_BUFFERS_MB }));
  await migrate(dbHandle);
  const vector = await hasVectorExtension(dbHandle);
  if (!vector) logger.warn({ database: dbHandle.mode }, 'pgvector is not installed: search runs on full-text ranking only');

  if (env.SEED_DEMO) await seedDemoWorkspace(dbHandle.db, logger);

  const bus =
    options.bus ??
    (env.REDIS_URL
      ? await createRedisBus({ url: env.REDIS_URL, onError: (err) => logger.error({ err }, 'redis bus error') })
      : createMemoryBus());

  const onJobFailed: JobFailureHook = (err, job) =>
    logger[job.final ? 'error' : 'warn']({ err, job: job.name, jobId: job.id, attempt: job.attempt }, job.final ? 'job failed' : 'job failed, will retry');
  const jobs = env.REDIS_URL
    ? await createBullmqQueue({ url: env.REDIS_URL, onFailed: onJobFailed, onError: (err) => logger.error({ err }, 'job queue error') })
    : createMemoryQueue({ onFailed: onJobFailed });

  const instanceId = randomUUID();
  const ai = createAppAi({ env, db: dbHandle.db, log: logger });
  const aiStatus = ai.status();
  logger.info({ chat: aiStatus.chat, embeddings: aiStatus.embeddings }, aiStatus.chat.offline ? 'AI: built-in offline provider' : `AI: ${aiStatus.chat.provider} ${aiStatus.chat.model}`);
  const live = createLiveServices({ bus, instanceId, presence: { onError: (err) => logger.warn({ err }, 'presence message not published') } });
  const mailer = options.mailer ?? createMailer({ env, db: dbHandle.db, log: logger });
  const rateLimiter = env.REDIS_URL
    ? await createRedisRateLimiter({ url: env.REDIS_URL, onError: (err) => logger.error({ err }, 'redis rate limiter error') })
    : createMemoryRateLimiter();
  const github =
    options.github !== undefined
      ? options.github
      : env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET && env.ENCRYPTION_KEY
        ? createGitHubOAuth({
            clientId: env.GITHUB_CLIENT_ID,
            clientSecret: env.GITHUB_CLIENT_SECRET,
            redirectUri: new URL('/auth/github/callback', env.APP_URL).toString(),
            encryptionKey: env.ENCRYPTION_KEY,
          })
        : null;
  const sessionCache = new SessionCache();
  const stopFollowingAuthChanges = await followAuthChanges(bus, sessionCache);
  const services: AppServices = {
    env,
    db: dbHandle.db,
    bus,
    instanceId,
    mailer,
    rateLimiter,
    github,
    jobs,
    live,
    ai,
    capabilities: { database: dbHandle.mode, vector, bus: bus.kind },
    sessionCache,
  };
  live.presence.start();
  const notificationsConsumer = createNotificationsConsumer({
    db: dbHandle.db,
    bus,
    onError: (err, info) => logger.error({ err, ...info }, info.skipped ? 'notification event skipped after repeated failures' : 'notifications consumer failed'),
  });
  await notificationsConsumer.start();
  registerMemoryJobs(services);
  registerAgentJobs(services);
  await scheduleAgentJobs(services);
  await scheduleIdempotencyPurge(services);
  const itemIndexer = createItemIndexer(services, {
    onError: (err, info) => logger.error({ err, ...info }, info.skipped ? 'item index event skipped after repeated failures' : 'item indexer failed'),
  });
  await itemIndexer.start();
  const stopClock = startClock({ bus, instanceId, onError: (err) => logger.warn({ err }, 'clock tick not published') });

  return {
    services,
    dbHandle,
    async close() {
      stopClock();
      await notificationsConsumer.stop();
      await live.presence.stop();
      await rateLimiter.close();
      await mailer.close();
      await itemIndexer.stop();
      await stopFollowingAuthChanges();
      await jobs.close();
      // After the jobs (which embed), before the database: usage rows still held back are stored.
      await ai.flushUsage().catch((err: unknown) => logger.error({ err }, 'AI usage was not recorded'));
      await bus.close();
      await dbHandle.close();
    },
  };
}
