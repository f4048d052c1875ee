import type { AiCallOptions } from '@devmentor/ai';
import { eq, projects } from '@devmentor/db';
import type { Context } from '../trpc/context';
import { readProjectAiSettings } from './project-ai-settings';

/**
 * Gateway call options for a project-scoped call: usage goes to the project and the caller, and
 * outgoing text is masked by the project's PII policy (`settings.ai.pii`).
 */
export async function projectAiCallOptions({
  ctx,
  projectId,
  purpose,
}: {
  ctx: Pick<Context, 'db' | 'auth'>;
  projectId: string;
  purpose: string;
}): Promise<AiCallOptions> {
  const [project] = await ctx.db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
  return { projectId, userId: ctx.auth?.user.id ?? null, purpose, pii: readProjectAiSettings(project?.settings).pii };
}
