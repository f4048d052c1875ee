import type { RateLimiter } from './rate-limiter';

/** Expired windows are swept every this many hits, so the map cannot grow without bound. */
const SWEEP_EVERY = 1000;

/** In-process counters: right for one server instance; use the Redis one behind a load balancer. */
export function createMemoryRateLimiter(options: { now?: () => number } = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let hits = 0;

  function sweep(at: number): void {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
  }

  return {
    kind: 'memory',
    async hit(key, windowMs) {
      const at = now();
      if (++hits % SWEEP_EVERY === 0) sweep(at);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.resetAt - at };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}
