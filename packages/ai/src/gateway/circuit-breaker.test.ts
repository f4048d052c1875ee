import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/memory-accounting';
import { CircuitBreaker } from './circuit-breaker';
import { backoffDelay, DEFAULT_RETRY } from './retry';

describe('CircuitBreaker', () => {
  it('goes closed -> open -> half-open (one probe) -> closed', () => {
    const clock = createFakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000 }, clock);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.snapshot().state).toBe('closed');
    breaker.onFailure();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAt: clock.now() + 1_000 });
    expect(breaker.tryAcquire()).toBe(false);

    clock.advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.snapshot().state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false); // only one probe at a time
    breaker.onSuccess();
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('re-opens for a full cool-down when the probe fails; a released probe frees the slot', () => {
    const clock = createFakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 500 }, clock);
    breaker.onFailure();
    clock.advance(500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.snapshot().state).toBe('open');
    clock.advance(499);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('a success resets the failure count', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 500 }, createFakeClock());
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    expect(breaker.snapshot().state).toBe('closed');
  });
});

describe('backoffDelay', () => {
  const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
  it('doubles, caps and jitters between half and all of the ceiling', () => {
    expect(backoffDelay(0, null, options, () => 0)).toBe(50);
    expect(backoffDelay(0, null, options, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, null, options, () => 0)).toBe(400);
    expect(backoffDelay(10, null, options, () => 1)).toBe(1_000);
  });

  it('honours retry-after up to the cap, and gives up beyond it', () => {
    expect(backoffDelay(0, 2_000, options, () => 0)).toBe(2_000);
    expect(backoffDelay(0, 60_000, options, () => 0)).toBeNull();
  });
});
