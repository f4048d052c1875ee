import { PII_CATEGORIES, type PiiPolicy } from '@devmentor/ai';
import { z } from 'zod';

/**
 * The AI part of a project's settings (`projects.settings.ai`, edited with `projects.update`):
 * ```json
 * { "ai": { "monthlyTokenLimit": 200000, "monthlyCostLimitUsd": 5, "pii": { "email": false } } }
 * ```
 * Limits count remote calls of the current UTC calendar month (offline answers are free);
 * `pii` lists categories to leave unmasked (`false` turns masking off). A malformed value is
 * ignored field by field rather than blocking every AI call of the project.
 */
export const ProjectAiSettings = z.object({
  monthlyTokenLimit: z.number().int().positive().optional().catch(undefined),
  monthlyCostLimitUsd: z.number().positive().optional().catch(undefined),
  pii: z
    .union([z.literal(false), z.partialRecord(z.enum(PII_CATEGORIES as [string, ...string[]]), z.boolean())])
    .optional()
    .catch(undefined),
});

export interface ProjectAiConfig {
  monthlyTokenLimit: number | null;
  monthlyCostLimitUsd: number | null;
  pii: PiiPolicy | false;
}

export function readProjectAiSettings(settings: Record<string, unknown> | null | undefined): ProjectAiConfig {
  const parsed = ProjectAiSettings.catch({}).parse(settings?.ai ?? {});
  return {
    monthlyTokenLimit: parsed.monthlyTokenLimit ?? null,
    monthlyCostLimitUsd: parsed.monthlyCostLimitUsd ?? null,
    pii: (parsed.pii as PiiPolicy | false | undefined) ?? {},
  };
}

/** The UTC calendar month containing `now`: budgets reset at its end. */
export function monthWindow(now: Date, month?: string): { from: Date; to: Date } {
  const [year, monthIndex] = month ? [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1] : [now.getUTCFullYear(), now.getUTCMonth()];
  return { from: new Date(Date.UTC(year, monthIndex, 1)), to: new Date(Date.UTC(year, monthIndex + 1, 1)) };
}
