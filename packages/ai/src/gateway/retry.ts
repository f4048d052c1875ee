export interface RetryOptions {
  /** Extra attempts after the first (so `2` means up to 3 calls). */
  maxRetries: number;
  /** First backoff delay; doubles each attempt. */
  baseDelayMs: number;
  /** Cap of one computed backoff delay. */
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the call fails (and may fall back). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal jitter" (half fixed,
 * half random) so many clients do not retry in lockstep. A server's `retry-after` wins when
 * given; null means do not retry.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | null, options: RetryOptions, random: () => number): number | null {
  if (retryAfterMs !== null) return retryAfterMs <= options.maxRetryAfterMs ? retryAfterMs : null;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
