import { loadTestEnv } from '@devmentor/config';
import { createTestDb } from '@devmentor/db/testing';
import type { DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestServices, createTestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import { createRedisRateLimiter } from './redis-rate-limiter';
import type { RateLimiter } from './rate-limiter';

const { TEST_REDIS_URL } = loadTestEnv();
/** Counters in a shared Redis outlive a run: every run uses addresses of its own. */
const freshIp = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function limiterContract(name: string, make: () => Promise<{ limiter: RateLimiter; advance?: (ms: number) => void }>) {
  describe(`${name} rate limiter`, () => {
    it('counts hits per key within a window and starts over after it', async () => {
      const { limiter, advance } = await make();
      const key = `k-${randomUUID()}`;
      expect((await limiter.hit(key, 60_000)).count).toBe(1);
      const second = await limiter.hit(key, 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(0);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      expect((await limiter.hit(`other-${key}`, 60_000)).count).toBe(1);
      await limiter.reset(key);
      expect((await limiter.hit(key, 60_000)).count).toBe(1);
      if (advance) {
        advance(60_001);
        expect((await limiter.hit(key, 60_000)).count).toBe(1);
      }
      await limiter.close();
    });
  });
}

limiterContract('in-process', async () => {
  let now = 1_000_000;
  return { limiter: createMemoryRateLimiter({ now: () => now }), advance: (ms) => (now += ms) };
});
if (TEST_REDIS_URL) limiterContract('Redis', async () => ({ limiter: await createRedisRateLimiter({ url: TEST_REDIS_URL }) }));

describe('limits on procedures', () => {
  let handle: DbHandle;
  let services: AppServices;
  const email = `brute-${randomUUID()}@example.test`;
  beforeAll(async () => {
    handle = await createTestDb();
    const rateLimiter = TEST_REDIS_URL ? await createRedisRateLimiter({ url: TEST_REDIS_URL }) : createMemoryRateLimiter();
    services = createTestServices(handle, {
      rateLimiter,
      env: { AUTH_RATE_LIMIT_PER_ACCOUNT: '4', AUTH_RATE_LIMIT_PER_IP: '6', AUTH_SLOWDOWN_AFTER: '2', AUTH_SLOWDOWN_MS: '1' },
    });
    await callerFor(services, null, { ip: freshIp() }).auth.register({ email, password: 'the right passphrase', name: 'B' });
  });
  afterAll(async () => {
    await services.rateLimiter.close();
    await handle.close();
  });

  it('brute force on one account hits the limit: 429 with Retry-After, even for the right password', async () => {
    const headers: Record<string, string> = {};
    const attempt = (password: string, ip: string) =>
      callerFor(services, null, { ip, setResponseHeader: (name, value) => void (headers[name.toLowerCase()] = value) }).auth.login({ email, password });
    // Spread over addresses, so it is the per-account counter that trips.
    for (let i = 0; i < 4; i++) expect((await errorOf(attempt('wrong guess ' + i, freshIp()))).code).toBe('UNAUTHORIZED');
    const blocked = await errorOf(attempt('the right passphrase', freshIp()));
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    const details = (blocked.cause as unknown as { details: { retryAfterSeconds: number } }).details;
    expect(details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(headers['retry-after'])).toBe(details.retryAfterSeconds);
  });

  it('one address trying many accounts hits the per-IP limit', async () => {
    const ip = freshIp();
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await errorOf(callerFor(services, null, { ip }).auth.login({ email: `nobody-${i}-${randomUUID()}@example.test`, password: 'whatever it is' }))).code);
    }
    expect(codes).toEqual([...Array(6).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS']);
  });

  it('limits every procedure per user', async () => {
    const limited = createTestServices(handle, { env: { RATE_LIMIT_PER_MINUTE: '5' } });
    const user = await createTestUser(limited);
    const api = callerFor(limited, user);
    for (let i = 0; i < 5; i++) await api.system.echo({ message: 'hi' });
    expect((await errorOf(api.system.echo({ message: 'hi' }))).code).toBe('TOO_MANY_REQUESTS');
    // Another user has a budget of their own.
    expect((await callerFor(limited, await createTestUser(limited)).system.echo({ message: 'hi' })).message).toBe('hi');
  });
});
