/**
 * The AI part of a project's settings as the form edits it. Mirrors the server's `settings.ai`
 * (packages/api/src/ai-usage/project-ai-settings.ts): monthly limits on remote calls, and `pii`,
 * the categories left unmasked (`false`: masking off).
 */
export const PII_CATEGORIES = ['email', 'phone', 'apiKey', 'token', 'card'] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

export const PII_LABELS: Record<PiiCategory, string> = {
  email: 'Email addresses',
  phone: 'Phone numbers',
  apiKey: 'API keys',
  token: 'Tokens and secrets',
  card: 'Card numbers',
};

export interface AiSettingsForm {
  /** Text as typed: empty means no limit. */
  monthlyTokenLimit: string;
  monthlyCostLimitUsd: string;
  /** Checked categories are masked. */
  masked: Record<PiiCategory, boolean>;
}

const positive = (value: unknown): string => (typeof value === 'number' && value > 0 ? String(value) : '');

export function readAiSettings(settings: Record<string, unknown>): AiSettingsForm {
  const ai = (settings.ai ?? {}) as Record<string, unknown>;
  const pii = ai.pii;
  const masked = Object.fromEntries(
    PII_CATEGORIES.map((category) => [category, pii === false ? false : typeof pii === 'object' && pii !== null ? (pii as Record<string, unknown>)[category] !== false : true]),
  ) as Record<PiiCategory, boolean>;
  return { monthlyTokenLimit: positive(ai.monthlyTokenLimit), monthlyCostLimitUsd: positive(ai.monthlyCostLimitUsd), masked };
}

/** The project's settings with the form's AI part; everything else in them is kept. */
export function writeAiSettings(settings: Record<string, unknown>, form: AiSettingsForm): Record<string, unknown> {
  const unmasked = PII_CATEGORIES.filter((category) => !form.masked[category]);
  const ai: Record<string, unknown> = { ...((settings.ai ?? {}) as Record<string, unknown>) };
  delete ai.monthlyTokenLimit;
  delete ai.monthlyCostLimitUsd;
  delete ai.pii;
  const tokens = Number(form.monthlyTokenLimit);
  const cost = Number(form.monthlyCostLimitUsd);
  if (form.monthlyTokenLimit.trim() && Number.isInteger(tokens) && tokens > 0) ai.monthlyTokenLimit = tokens;
  if (form.monthlyCostLimitUsd.trim() && cost > 0) ai.monthlyCostLimitUsd = cost;
  if (unmasked.length === PII_CATEGORIES.length) ai.pii = false;
  else if (unmasked.length > 0) ai.pii = Object.fromEntries(unmasked.map((category) => [category, false]));
  return { ...settings, ai };
}
