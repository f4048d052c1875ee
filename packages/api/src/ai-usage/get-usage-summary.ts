import { aiUsage, and, desc, eq, gte, lt, projects, sql, users } from '@devmentor/db';
import type { Context } from '../trpc/context';
import type { ProjectAccess } from '../trpc/procedures';
import type { AiUsageSummaryInput } from './ai-usage.schemas';
import { remoteUsage } from './db-accounting';
import { monthWindow, readProjectAiSettings } from './project-ai-settings';

type SummaryContext = Pick<Context, 'db' | 'ai'> & { project: ProjectAccess };

const totals = {
  calls: sql<number>`count(*)`.mapWith(Number),
  promptTokens: sql<number>`coalesce(sum(${aiUsage.promptTokens}), 0)`.mapWith(Number),
  completionTokens: sql<number>`coalesce(sum(${aiUsage.completionTokens}), 0)`.mapWith(Number),
  costUsd: sql<number>`coalesce(sum(${aiUsage.costUsd}), 0)`.mapWith(Number),
  offlineCalls: sql<number>`count(*) filter (where ${aiUsage.offline})`.mapWith(Number),
  fallbackCalls: sql<number>`count(*) filter (where ${aiUsage.fallback})`.mapWith(Number),
};

/** A project's AI usage for one UTC month (default: the current one), with its budget. */
export async function getUsageSummary({ ctx, input }: { ctx: SummaryContext; input: AiUsageSummaryInput }) {
  const projectId = ctx.project.id;
  const { from, to } = monthWindow(new Date(), input.month);
  const inMonth = and(eq(aiUsage.projectId, projectId), gte(aiUsage.at, from), lt(aiUsage.at, to));
  // Offline embedding rows are written in batches: this instance's waiting ones count too.
  await ctx.ai.flushUsage();

  const [overall] = await ctx.db.select(totals).from(aiUsage).where(inMonth);
  const byUser = await ctx.db
    .select({ userId: aiUsage.userId, name: users.name, ...totals })
    .from(aiUsage)
    .leftJoin(users, eq(users.id, aiUsage.userId))
    .where(inMonth)
    .groupBy(aiUsage.userId, users.name)
    .orderBy(desc(sql`count(*)`))
    .limit(100);
  const byModel = await ctx.db
    .select({ provider: aiUsage.provider, model: aiUsage.model, ...totals })
    .from(aiUsage)
    .where(inMonth)
    .groupBy(aiUsage.provider, aiUsage.model)
    .orderBy(desc(sql`count(*)`))
    .limit(100);

  const [project] = await ctx.db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
  const settings = readProjectAiSettings(project?.settings);
  const remote = await remoteUsage(ctx.db, projectId, from, to);
  const exceeded =
    (settings.monthlyTokenLimit !== null && remote.tokens >= settings.monthlyTokenLimit) ||
    (settings.monthlyCostLimitUsd !== null && remote.costUsd >= settings.monthlyCostLimitUsd);

  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    totals: overall ?? { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, offlineCalls: 0, fallbackCalls: 0 },
    budget: {
      monthlyTokenLimit: settings.monthlyTokenLimit,
      monthlyCostLimitUsd: settings.monthlyCostLimitUsd,
      remoteTokens: remote.tokens,
      remoteCostUsd: remote.costUsd,
      exceeded,
    },
    byUser: byUser.map((row) => ({ ...row, name: row.name ?? null })),
    byModel,
  };
}
