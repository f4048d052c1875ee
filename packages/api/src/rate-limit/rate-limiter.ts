/** The outcome of counting one hit against a key's fixed window. */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Fixed-window hit counters shared by every server instance that uses the same store: in-process
 * by default, Redis when `REDIS_URL` is set (so limits hold across instances).
 */
export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  /** Counts one hit on `key` in a window of `windowMs` (the window starts with the first hit). */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
  /** Forgets a key (e.g. the per-account counter after a successful sign-in). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
