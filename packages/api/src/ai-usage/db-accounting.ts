import type { AiAccounting, BudgetDecision } from '@devmentor/ai';
import { aiUsage, and, eq, gte, lt, projects, sql, type Database } from '@devmentor/db';
import { monthWindow, readProjectAiSettings } from './project-ai-settings';

/** Remote tokens and cost of a project in [from, to). */
export async function remoteUsage(db: Database, projectId: string, from: Date, to: Date): Promise<{ tokens: number; costUsd: number }> {
  const [row] = await db
    .select({
      tokens: sql<number>`coalesce(sum(${aiUsage.promptTokens} + ${aiUsage.completionTokens}), 0)`.mapWith(Number),
      costUsd: sql<number>`coalesce(sum(${aiUsage.costUsd}), 0)`.mapWith(Number),
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.projectId, projectId), eq(aiUsage.offline, false), gte(aiUsage.at, from), lt(aiUsage.at, to)));
  return { tokens: row?.tokens ?? 0, costUsd: row?.costUsd ?? 0 };
}

/**
 * The gateway's accounting on the database: every call becomes an `ai_usage` row; a project's
 * budget is `projects.settings.ai` against this month's remote rows. The check is made before a
 * call, so calls already in flight can overshoot a limit by their own size.
 */
export function createDbAiAccounting(db: Database, options: { now?: () => Date } = {}): AiAccounting {
  const now = options.now ?? (() => new Date());
  return {
    async record(entry) {
      await db.insert(aiUsage).values({
        projectId: entry.projectId,
        userId: entry.userId,
        operation: entry.operation,
        purpose: entry.purpose,
        provider: entry.provider,
        model: entry.model,
        promptTokens: entry.promptTokens,
        completionTokens: entry.completionTokens,
        costUsd: entry.costUsd,
        offline: entry.offline,
        fallback: entry.fallback,
        at: entry.at,
      });
    },
    async checkBudget({ projectId }): Promise<BudgetDecision> {
      const [project] = await db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
      if (!project) return { allowed: true };
      const budget = readProjectAiSettings(project.settings);
      if (budget.monthlyTokenLimit === null && budget.monthlyCostLimitUsd === null) return { allowed: true };
      const { from, to } = monthWindow(now());
      const used = await remoteUsage(db, projectId, from, to);
      if (budget.monthlyTokenLimit !== null && used.tokens >= budget.monthlyTokenLimit) {
        return { allowed: false, limit: 'tokens', used: used.tokens, max: budget.monthlyTokenLimit, resetsAt: to };
      }
      if (budget.monthlyCostLimitUsd !== null && used.costUsd >= budget.monthlyCostLimitUsd) {
        return { allowed: false, limit: 'cost', used: used.costUsd, max: budget.monthlyCostLimitUsd, resetsAt: to };
      }
      return { allowed: true };
    },
  };
}
