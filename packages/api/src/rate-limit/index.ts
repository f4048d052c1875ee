export type { RateLimiter, RateLimitHit } from './rate-limiter';
export { createMemoryRateLimiter } from './memory-rate-limiter';
export { createRedisRateLimiter } from './redis-rate-limiter';
export { limitAuthAttempt, limitCall, resetAccountAttempts, type AuthAction } from './limits';
