/** Who a call is for: usage is recorded and budgets enforced per project and per user. */
export interface AiCaller {
  /** Null for calls outside any project (budgets do not apply, usage is still recorded). */
  projectId: string | null;
  userId: string | null;
}

export type AiOperation = 'complete' | 'stream' | 'structured' | 'embed';

/** One finished call, as the gateway reports it. */
export interface AiUsageEntry extends AiCaller {
  operation: AiOperation;
  /** What the call was for (`memory.search`, `agent.plan`...), for the usage report. */
  purpose: string | null;
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  offline: boolean;
  /** The remote provider failed and the offline provider answered instead. */
  fallback: boolean;
  at: Date;
}

export type BudgetDecision =
  | { allowed: true }
  | { allowed: false; limit: 'tokens' | 'cost'; used: number; max: number; resetsAt: Date };

/**
 * Where usage goes and where budgets come from. packages/ai never touches the database: the API
 * layer implements this on the `ai_usage` table and project settings.
 */
export interface AiAccounting {
  record(entry: AiUsageEntry): Promise<void>;
  /** Asked before every remote call of a project; offline calls are free and never refused. */
  checkBudget(caller: AiCaller & { projectId: string }): Promise<BudgetDecision>;
  /** Stores what `record` has kept back, for implementations that batch; called before usage is read back and at shutdown. */
  flush?(): Promise<void>;
}

/** The two halves of `AiAccounting`, for implementations that only need one. */
export type UsageRecorder = Pick<AiAccounting, 'record'>;
export type BudgetCheck = Pick<AiAccounting, 'checkBudget'>;

/** Accounting that keeps nothing: for scripts and tools that run outside a project. */
export const noAccounting: AiAccounting = {
  record: async () => {},
  checkBudget: async () => ({ allowed: true }),
};
