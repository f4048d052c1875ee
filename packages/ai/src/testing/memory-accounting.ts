import type { AiAccounting, AiUsageEntry, BudgetDecision } from '../gateway/accounting';
import type { AiClock } from '../gateway/clock';

/**
 * In-memory accounting for tests of packages/ai: keeps every entry and refuses a project once
 * its remote tokens reach `tokenLimit`. The product's own implementation is database-backed
 * (packages/api/src/ai-usage).
 */
export function createMemoryAccounting(options: { tokenLimits?: Record<string, number> } = {}): AiAccounting & { entries: AiUsageEntry[] } {
  const entries: AiUsageEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
    async checkBudget({ projectId }): Promise<BudgetDecision> {
      const max = options.tokenLimits?.[projectId];
      if (max === undefined) return { allowed: true };
      const used = entries
        .filter((entry) => entry.projectId === projectId && !entry.offline)
        .reduce((sum, entry) => sum + entry.promptTokens + entry.completionTokens, 0);
      return used < max ? { allowed: true } : { allowed: false, limit: 'tokens', used, max, resetsAt: new Date('2100-01-01T00:00:00Z') };
    },
  };
}

/** A clock whose sleeps return at once and move time forward, recording each delay. */
export function createFakeClock(start = Date.parse('2026-01-01T00:00:00Z')): AiClock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}
