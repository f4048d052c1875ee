/** USD per million tokens. */
export interface ModelPrice {
  prompt: number;
  completion: number;
}

/**
 * List prices of common OpenAI models (USD per 1M tokens) used when no price is configured.
 * Unknown models (local servers) cost 0 unless `AI_PRICE_*` says otherwise; tokens are still counted.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { prompt: 0.15, completion: 0.6 },
  'gpt-4o': { prompt: 2.5, completion: 10 },
  'gpt-4.1': { prompt: 2, completion: 8 },
  'gpt-4.1-mini': { prompt: 0.4, completion: 1.6 },
  'gpt-4.1-nano': { prompt: 0.1, completion: 0.4 },
  'gpt-5-mini': { prompt: 0.25, completion: 2 },
  'gpt-5-nano': { prompt: 0.05, completion: 0.4 },
  'text-embedding-3-small': { prompt: 0.02, completion: 0 },
  'text-embedding-3-large': { prompt: 0.13, completion: 0 },
};

export function costUsd(prices: Record<string, ModelPrice>, model: string, promptTokens: number, completionTokens: number): number {
  const price = prices[model];
  if (!price) return 0;
  return (price.prompt * promptTokens + price.completion * completionTokens) / 1_000_000;
}
