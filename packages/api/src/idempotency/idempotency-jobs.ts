import type { AppServices } from '../trpc/context';
import { purgeExpiredIdempotencyKeys } from './idempotency.middleware';

export const PURGE_IDEMPOTENCY_KEYS_JOB = 'idempotency-keys.purge';

/** Deletes expired `Idempotency-Key` records hourly, so the table holds about one day of keys. */
export async function scheduleIdempotencyPurge(services: Pick<AppServices, 'db' | 'jobs'>, options: { everyMs?: number } = {}): Promise<void> {
  services.jobs.register(PURGE_IDEMPOTENCY_KEYS_JOB, async () => {
    await purgeExpiredIdempotencyKeys(services.db);
  });
  await services.jobs.schedule('idempotency-purge', PURGE_IDEMPOTENCY_KEYS_JOB, {}, { everyMs: options.everyMs ?? 60 * 60_000 });
}
