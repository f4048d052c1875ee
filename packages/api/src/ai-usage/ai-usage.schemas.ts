import { z } from 'zod';

export const AiUsageSummaryInput = z.object({
  projectId: z.uuid(),
  /** `YYYY-MM` (UTC); default the current month. */
  month: z
    .string()
    .max(7)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export type AiUsageSummaryInput = z.infer<typeof AiUsageSummaryInput>;

const Totals = {
  calls: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  offlineCalls: z.number(),
  fallbackCalls: z.number(),
};

export const AiUsageSummary = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object(Totals),
  budget: z.object({
    monthlyTokenLimit: z.number().nullable(),
    monthlyCostLimitUsd: z.number().nullable(),
    remoteTokens: z.number(),
    remoteCostUsd: z.number(),
    exceeded: z.boolean(),
  }),
  byUser: z.array(z.object({ userId: z.string().nullable(), name: z.string().nullable(), ...Totals })),
  byModel: z.array(z.object({ provider: z.string(), model: z.string(), ...Totals })),
});

export const AiStatusOutput = z.object({
  /** `offline` when the built-in provider answers chat, else `remote`. */
  mode: z.enum(['remote', 'offline']),
  chat: z.object({ provider: z.string(), model: z.string(), offline: z.boolean(), breaker: z.enum(['closed', 'open', 'half-open']) }),
  embeddings: z.object({
    provider: z.string(),
    model: z.string(),
    offline: z.boolean(),
    dimension: z.number(),
    breaker: z.enum(['closed', 'open', 'half-open']),
  }),
  fallback: z.boolean(),
  embeddingFallback: z.boolean(),
});
