import { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limiter';

const PREFIX = 'devmentor:rl:';

// INCR and the expiry of a new window in one atomic step, so no key is ever left without a TTL.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;

/** Counters in Redis, shared by every server instance. */
export async function createRedisRateLimiter(options: { url: string; onError?: (error: Error) => void }): Promise<RateLimiter> {
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on('error', (error: Error) => options.onError?.(error));
  await redis.connect();
  return {
    kind: 'redis',
    async hit(key, windowMs) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, PREFIX + key, String(windowMs))) as [number, number];
      return { count, resetInMs: ttl };
    },
    async reset(key) {
      await redis.del(PREFIX + key);
    },
    async close() {
      await redis.quit();
    },
  };
}
