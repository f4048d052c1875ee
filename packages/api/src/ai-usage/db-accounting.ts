import type { AiAccounting, BudgetDecision } from '@devmentor/ai';
import { aiUsage, and, eq, gte, lt, projects, sql, type Database } from '@devmentor/db';
import { monthWindow, readProjectAiSettings } from './project-ai-settings';
import { createUsageBatch, type UsageRow } from './usage-batch';

/**
 * Offline embedding calls come with every search and every memory write. They cost nothing and no
 * budget counts them (`remoteUsage` reads remote rows only), so their rows are written in batches
 * instead of one insert per call that the search would wait for: within this delay, or at once when
 * this many are waiting. Reading usage back and shutting down flush first (`AiAccounting.flush`).
 */
const OFFLINE_EMBED_BATCH = { delayMs: 1000, maxRows: 200 };

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
 * The gateway's accounting on the database: every call becomes an `ai_usage` row (offline embedding
 * calls batched, see above); a project's budget is `projects.settings.ai` against this month's remote
 * rows. The check is made before a call, so calls already in flight can overshoot a limit by their
 * own size. `onBatchError` hears of a batch that failed in the background.
 */
export function createDbAiAccounting(
  db: Database,
  options: { now?: (() => Date) | undefined; onBatchError?: ((error: unknown) => void) | undefined; offlineEmbedBatch?: { delayMs: number; maxRows: number } } = {},
): AiAccounting {
  const now = options.now ?? (() => new Date());
  const offlineEmbeds = createUsageBatch(db, { ...(options.offlineEmbedBatch ?? OFFLINE_EMBED_BATCH), onError: options.onBatchError });
  return {
    async record(entry) {
      const row: UsageRow = {
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
      };
      if (entry.offline && entry.operation === 'embed') offlineEmbeds.add(row);
      else await db.insert(aiUsage).values(row);
    },
    flush: () => offlineEmbeds.flush(),
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
