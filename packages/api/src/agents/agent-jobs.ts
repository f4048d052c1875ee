import type { AppServices } from '../trpc/context';
import { ANALYZE_PROJECTS_JOB, analyzeAllProjects } from '../insights/analyze-project';
import { EXPIRE_PROPOSALS_JOB, expireProposals } from '../proposals/review-proposals';

type Services = Pick<AppServices, 'db' | 'bus' | 'env' | 'ai' | 'capabilities' | 'jobs'>;

/** Registers the agents' background jobs on `services.jobs` (before anything enqueues them). */
export function registerAgentJobs(services: Services): void {
  services.jobs.register(EXPIRE_PROPOSALS_JOB, async () => {
    await expireProposals(services.db);
  });
  services.jobs.register(ANALYZE_PROJECTS_JOB, async () => {
    await analyzeAllProjects(services);
  });
}

/** The periodic runs: proposal expiry every 15 minutes, the project analyst every hour. Called once by the server. */
export async function scheduleAgentJobs(services: Services, options: { expireEveryMs?: number; analyzeEveryMs?: number } = {}): Promise<void> {
  await services.jobs.schedule('insights-analyst', ANALYZE_PROJECTS_JOB, {}, { everyMs: options.analyzeEveryMs ?? 60 * 60_000 });
  await services.jobs.schedule('proposals-expiry', EXPIRE_PROPOSALS_JOB, {}, { everyMs: options.expireEveryMs ?? 15 * 60_000 });
}
