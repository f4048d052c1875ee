import type { AppServices } from '../trpc/context';
import { EXPIRE_PROPOSALS_JOB, expireProposals } from '../proposals/review-proposals';

type Services = Pick<AppServices, 'db' | 'jobs'>;

/** Registers the agents' background jobs on `services.jobs` (before anything enqueues them). */
export function registerAgentJobs(services: Services): void {
  services.jobs.register(EXPIRE_PROPOSALS_JOB, async () => {
    await expireProposals(services.db);
  });
}

/** The periodic runs: proposal expiry every 15 minutes. Called once by the server. */
export async function scheduleAgentJobs(services: Services, options: { expireEveryMs?: number } = {}): Promise<void> {
  await services.jobs.schedule('proposals-expiry', EXPIRE_PROPOSALS_JOB, {}, { everyMs: options.expireEveryMs ?? 15 * 60_000 });
}
